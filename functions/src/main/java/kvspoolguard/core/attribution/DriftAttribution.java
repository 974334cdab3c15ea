package kvspoolguard.core.attribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolDriftAttributed;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.history.HistoryException;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.history.PoolHistory;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.ConditionalWrites;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;

/**
 * Names who made each drift, whichever record comes first. The pool's state change usually comes
 * first and CloudTrail's record of the call minutes later: the drift is then reported without an
 * actor, and the call, when it comes, finds the drift in the pool's history and is reported as a
 * Pool Drift Attributed. When the call comes first, it is recorded, and the drift names it as it is
 * reported. A call that comes while its drift is being reported is seen by one side or the other:
 * the call is recorded before the history is read, and the drift looks for calls again once it is
 * published. Each drift is claimed by one call, in a conditional write, so it is attributed once.
 */
public final class DriftAttribution implements DriftActors {

    /** A pool's calls kept (newest first): more than the few minutes of CloudTrail's lag ever hold. */
    static final int CALLS_KEPT = 20;
    static final int CLAIMS_KEPT = 20;
    /** How long after its call a drift may be first seen: the sweep, when the state change was lost. */
    static final Duration LONGEST_UNSEEN = Duration.ofDays(2);
    private static final int HISTORY_PAGE = 100;

    private final CallLedger ledger;
    private final PoolHistory history;
    private final Clock clock;

    public DriftAttribution(CallLedger ledger, PoolHistory history, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = clock;
    }

    @Override
    public PoolCall explaining(Transition drift) {
        Observation now = drift.current();
        CallLedger.Entry entry = ledger.read(PoolRef.fromArn(now.arn()));
        Set<String> claimed = Set.copyOf(entry.claims().values());
        return entry.calls().stream()
                .filter(c -> !claimed.contains(c.callId()))
                .filter(c -> c.explains(now.retentionHours(), drift.previous().observedAt(), now.observedAt()))
                .max(Comparator.comparing(PoolCall::at)).orElse(null);
    }

    @Override
    public PoolCall tagging(Transition exemption) {
        Observation now = exemption.current();
        Instant since = exemption.previous() == null ? Instant.MIN : exemption.previous().observedAt();
        return ledger.read(PoolRef.fromArn(now.arn())).calls().stream()
                .filter(c -> c.retags(since, now.observedAt()))
                .max(Comparator.comparing(PoolCall::at)).orElse(null);
    }

    @Override
    public List<GuardEvent> published(List<Drift> drifts, TriggeredBy trigger) {
        List<GuardEvent> attributed = new ArrayList<>();
        for (Drift drift : drifts) {
            PoolRetentionDrifted event = drift.event();
            PoolRef pool = PoolRef.fromArn(event.pool().arn());
            if (event.changedBy() != null) {
                // its call explains this drift and no other
                String callId = event.changedBy().cloudTrailEventId();
                claim(new Claiming(pool, null, trigger), entry -> entry.claims().containsKey(event.eventId()) ? null
                        : new Claim(event.eventId(), null, callId));
                continue;
            }
            attributed.addAll(claim(new Claiming(pool, null, trigger), entry -> entry.claims().containsKey(event.eventId())
                    ? null
                    : entry.calls().stream()
                            .filter(c -> !entry.claims().containsValue(c.callId()))
                            .filter(c -> c.explains(event.retentionHours(), drift.since(), event.observedAt()))
                            .max(Comparator.comparing(PoolCall::at))
                            .map(c -> new Claim(event.eventId(), c, c.callId())).orElse(null)));
        }
        return attributed;
    }

    /**
     * A call of the pool API, from CloudTrail: recorded (once, however often it is delivered) and,
     * when it set a retention that was reported as drift without an actor, a Pool Drift Attributed
     * naming it. Returns the events to publish: those of this call, or those an earlier delivery
     * left unpublished. Failed calls change nothing.
     *
     * @throws StateStoreException when the calls cannot be read or written
     * @throws HistoryException when the pool's history cannot be read
     */
    public List<GuardEvent> callMade(PoolCall call, TriggeredBy trigger) {
        if (!call.succeeded()) {
            return List.of();
        }
        return claim(new Claiming(call.pool(), call, trigger), entry -> unattributedDrift(call, entry)
                .map(drift -> new Claim(drift.eventId(), call, call.callId())).orElse(null));
    }

    @Override
    public void cleared(String arn, Set<String> eventIds) {
        PoolRef pool = PoolRef.fromArn(arn);
        ConditionalWrites.retriedUntil("the calls of " + arn, "clear their published events", attempt -> {
            CallLedger.Entry entry = ledger.read(pool);
            List<GuardEvent> left = entry.outbox().stream().filter(e -> !eventIds.contains(e.eventId())).toList();
            return left.size() == entry.outbox().size()
                    || ledger.writeIf(pool, entry.withOutbox(left));
        });
    }

    /** A drift and the call that explains it; {@code call} null when the drift named it already (nothing to report). */
    private record Claim(String driftEventId, PoolCall call, String callId) {
    }

    /**
     * One conditional write of the pool's calls: {@code call} recorded (null: none), and the claim
     * {@code claimOf} finds in the record as read (null: none) with its event kept to publish.
     * Returns what the record holds to publish, or nothing when {@code call} was already recorded
     * and nothing of it is left.
     */
    /** A write of a pool's calls: of {@code pool}, recording {@code call} (null: none), by {@code trigger}. */
    private record Claiming(PoolRef pool, PoolCall call, TriggeredBy trigger) {
    }

    private List<GuardEvent> claim(Claiming claiming, java.util.function.Function<CallLedger.Entry, Claim> claimOf) {
        PoolRef pool = claiming.pool();
        PoolCall call = claiming.call();
        TriggeredBy trigger = claiming.trigger();
        return ConditionalWrites.<List<GuardEvent>>retried("the calls of " + pool.identifier(), "record them", attempt -> {
            CallLedger.Entry entry = ledger.read(pool);
            if (call != null && entry.knows(call.callId())) {
                return Optional.of(entry.outbox()); // delivered again: what an earlier delivery left, if anything
            }
            Claim claim = claimOf.apply(entry);
            if (call == null && claim == null) {
                return Optional.of(List.of());
            }
            List<PoolCall> calls = call == null ? entry.calls() : Stream.concat(Stream.of(call), entry.calls().stream())
                    .sorted(Comparator.comparing(PoolCall::at).reversed()).limit(CALLS_KEPT).toList();
            Map<String, String> claims = new HashMap<>(entry.claims());
            List<GuardEvent> outbox = new ArrayList<>(entry.outbox());
            List<GuardEvent> made = new ArrayList<>();
            if (claim != null) {
                claims.put(claim.driftEventId(), claim.callId());
                if (claim.call() != null) {
                    made.add(new GuardEvent(clock.instant(), PoolDriftAttributed.builder(claim.driftEventId())
                            .pool(EventPool.of(pool)).changedBy(claim.call().changedBy()).trigger(trigger).build()));
                }
                trim(claims, calls);
            }
            outbox.addAll(made);
            return ledger.writeIf(pool, entry.with(calls, claims, outbox))
                    ? Optional.of(call == null ? made : outbox) : Optional.empty();
        });
    }

    /** Claims of calls no longer kept go first; the rest are bounded too. */
    private static void trim(Map<String, String> claims, List<PoolCall> calls) {
        if (claims.size() <= CLAIMS_KEPT) {
            return;
        }
        Set<String> kept = calls.stream().map(PoolCall::callId).collect(Collectors.toSet());
        claims.values().removeIf(callId -> !kept.contains(callId));
        while (claims.size() > CLAIMS_KEPT) {
            claims.remove(claims.keySet().iterator().next());
        }
    }

    /**
     * The first drift reported without an actor, after the call and to the value it set, that no
     * call has claimed: read from the pool's history, which holds every drift published.
     */
    private Optional<PoolRetentionDrifted> unattributedDrift(PoolCall call, CallLedger.Entry entry) {
        if (call.action() != PoolCall.Action.UPDATE || call.requestedHours() == null) {
            return Optional.empty();
        }
        Instant since = call.at().minus(PoolCall.CLOCK_SKEW);
        Instant until = call.at().plus(LONGEST_UNSEEN);
        PoolRetentionDrifted first = null;
        String token = null;
        do {
            HistoryPage page = history.page(call.pool(), new HistoryQuery(since, HISTORY_PAGE, token));
            for (GuardEvent e : page.events()) {
                if (e.detail() instanceof PoolRetentionDrifted drift && drift.actor() == null
                        && !entry.claims().containsKey(drift.eventId())
                        && call.requestedHours().equals(drift.retentionHours()) && !e.time().isAfter(until)) {
                    first = drift; // newest first: the last one found is the first after the call
                }
            }
            token = page.nextToken();
        } while (token != null);
        return Optional.ofNullable(first);
    }


}
