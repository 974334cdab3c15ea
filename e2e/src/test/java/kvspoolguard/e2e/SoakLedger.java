package kvspoolguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RecordedRequest;

/**
 * What a soak did, judged from the ground truth: the emulator's change log and request journal set
 * against the events on the bus. Only the enforcer calls the API here, so a change made through it
 * ({@code API}) is the enforcer's update; every other change is an outsider's or AWS's.
 *
 * <p>Each change is one or two facts (its status, its retention), and each fact is owed exactly one
 * event id: a new pool a {@code DISCOVERED}, a status change a {@code STATUS_CHANGED}, an outsider's
 * retention change a {@code Pool Retention Drifted}, the enforcer's own a {@code Pool Retention
 * Enforced}, which also covers the {@code UPDATING} its update causes and that state's end
 * (reporting those as status changes too is allowed, once each: a read may have seen them).
 */
final class SoakLedger {

    enum Kind { DISCOVERED, STATUS, DRIFT, ENFORCE, DELETED, OTHER }

    /** A pool's ARN by its account, region and name. */
    interface ArnOf {
        String arn(String account, String region, String name);
    }

    /** One change of one pool, as an event reports it: {@code from} and {@code to} are statuses or hours. */
    record Fact(String arn, Kind kind, String from, String to) {
    }

    /** Two events under one id whose details differ: a consumer deduplicating on the id loses one. */
    record Conflict(String eventId, JsonNode first, JsonNode second) {
    }

    /**
     * The figures of the soak's report. {@code lost}, {@code unexpected} and {@code conflicts} hold
     * up to ten examples each, for a failure message.
     */
    record Tally(int facts, int events, int lostTransitions, int unexpectedEvents, int duplicateEventIds,
                 int conflictingDuplicates, int redundantUpdates, int updatesToNonActive, int updateRequests,
                 List<Fact> lost, List<Fact> unexpected, List<Conflict> conflicts) {
    }

    private final List<PoolChange> changes;
    private final Map<String, List<PoolChange>> changesByArn = new HashMap<>();
    private final Predicate<String> exempt;
    private final int minHours;
    private final int maxHours;

    /**
     * @param exempt   whether the pool of an ARN is exempt from the policy (so any retention is compliant)
     * @param minHours the policy's bounds for every other pool
     */
    SoakLedger(List<PoolChange> changes, Predicate<String> exempt, int minHours, int maxHours) {
        this.changes = changes.stream().sorted(Comparator.comparingLong(PoolChange::sequence)).toList();
        this.changes.forEach(c -> changesByArn.computeIfAbsent(c.arn(), a -> new ArrayList<>()).add(c));
        this.exempt = exempt;
        this.minHours = minHours;
        this.maxHours = maxHours;
    }

    /**
     * @param arnOf the ARN of a pool by the account, region and name of a request (requests may give an ARN instead)
     */
    Tally tally(List<JsonNode> events, List<RecordedRequest> requests, ArnOf arnOf) {
        Map<Fact, Integer> owed = new HashMap<>();
        Map<Fact, Integer> allowed = new HashMap<>();
        owe(owed, allowed);

        Map<String, JsonNode> byId = new LinkedHashMap<>();
        int duplicates = 0;
        int conflicting = 0;
        List<Conflict> conflicts = new ArrayList<>();
        for (JsonNode event : events) {
            String id = event.at("/detail/eventId").asText();
            JsonNode first = byId.putIfAbsent(id, event);
            if (first != null) {
                duplicates++;
                if (!first.path("detail").equals(event.path("detail"))) {
                    conflicting++;
                    example(conflicts, new Conflict(id, first, event));
                }
            }
        }
        Map<Fact, Integer> reported = new HashMap<>();
        byId.values().stream().map(SoakLedger::factOf).filter(Objects::nonNull)
                .forEach(f -> reported.merge(f, 1, Integer::sum));

        List<Fact> lost = new ArrayList<>();
        int lostCount = 0;
        for (var entry : owed.entrySet()) {
            int missing = entry.getValue() - reported.getOrDefault(entry.getKey(), 0);
            if (missing > 0) {
                lostCount += missing;
                example(lost, entry.getKey());
            }
        }
        List<Fact> unexpected = new ArrayList<>();
        int unexpectedCount = 0;
        for (var entry : reported.entrySet()) {
            Fact fact = entry.getKey();
            int extra = entry.getValue() - owed.getOrDefault(fact, 0) - allowed.getOrDefault(fact, 0);
            if (extra > 0) {
                unexpectedCount += extra;
                example(unexpected, fact);
            }
        }

        int redundant = 0;
        int nonActive = 0;
        int updates = 0;
        for (RecordedRequest request : requests) {
            if (request.operation() != Operation.UPDATE_POOL) {
                continue;
            }
            updates++;
            String identifier = identifier(request);
            String arn = identifier.startsWith("arn:") ? identifier
                    : arnOf.arn(request.accountId(), request.region(), identifier);
            PoolChange state = stateAt(arn, request.receivedAt());
            if (state == null || state.status() != PoolStatus.ACTIVE) {
                nonActive++;
            }
            if (state != null && compliant(state.arn(), state.retentionHours())) {
                redundant++;
            }
        }
        int facts = owed.values().stream().mapToInt(Integer::intValue).sum();
        return new Tally(facts, events.size(), lostCount, unexpectedCount, duplicates, conflicting, redundant,
                nonActive, updates, lost, unexpected, conflicts);
    }

    /** Whether a pool with this retention needs nothing from the enforcer. */
    boolean compliant(String arn, Integer hours) {
        return exempt.test(arn) || hours != null && hours >= minHours && hours <= maxHours;
    }

    /** The facts each change owes an event for, and those an event may report without being owed. */
    private void owe(Map<Fact, Integer> owed, Map<Fact, Integer> allowed) {
        Map<String, PoolChange> last = new HashMap<>();
        for (PoolChange change : changes) {
            PoolChange previous = last.put(change.arn(), change);
            if (previous == null || previous.status() == null) {
                if (change.status() != null) {
                    owed.merge(new Fact(change.arn(), Kind.DISCOVERED, null, null), 1, Integer::sum);
                }
                continue;
            }
            if (change.status() == null) {
                owed.merge(new Fact(change.arn(), Kind.DELETED, null, null), 1, Integer::sum);
                continue;
            }
            // the enforcer's update and the end of the UPDATING it causes: its Enforced event reports both
            boolean ours = change.cause() == PoolChange.Cause.API
                    || change.cause() == PoolChange.Cause.TRANSITION && previous.cause() == PoolChange.Cause.API;
            if (previous.status() != change.status()) {
                Fact status = new Fact(change.arn(), Kind.STATUS, previous.status().name(), change.status().name());
                (ours ? allowed : owed).merge(status, 1, Integer::sum);
            }
            if (!Objects.equals(previous.retentionHours(), change.retentionHours())) {
                owed.merge(new Fact(change.arn(), ours ? Kind.ENFORCE : Kind.DRIFT,
                        String.valueOf(previous.retentionHours()), String.valueOf(change.retentionHours())),
                        1, Integer::sum);
            }
        }
    }

    /** The fact a kvs-pool-guard event reports, or null for an event that reports none (a run's, a violation). */
    static Fact factOf(JsonNode event) {
        JsonNode detail = event.path("detail");
        String arn = detail.at("/pool/arn").asText(null);
        return switch (event.path("detail-type").asText()) {
            case "Pool Status Changed" -> switch (detail.path("change").asText()) {
                case "DISCOVERED" -> new Fact(arn, Kind.DISCOVERED, null, null);
                case "STATUS_CHANGED" -> new Fact(arn, Kind.STATUS, detail.path("previousStatus").asText(),
                        detail.path("status").asText());
                case "DELETED" -> new Fact(arn, Kind.DELETED, null, null);
                default -> new Fact(arn, Kind.OTHER, detail.path("change").asText(), null);
            };
            case "Pool Retention Drifted" -> new Fact(arn, Kind.DRIFT, detail.path("previousRetentionHours").asText(),
                    detail.path("retentionHours").asText());
            case "Pool Retention Enforced" -> new Fact(arn, Kind.ENFORCE, detail.path("fromHours").asText(),
                    detail.path("toHours").asText());
            default -> null;
        };
    }

    /** The pool's last change that took effect at or before {@code at}; null if it did not exist then. */
    private PoolChange stateAt(String arn, Instant at) {
        PoolChange state = null;
        for (PoolChange change : changesByArn.getOrDefault(arn, List.of())) {
            if (!change.at().isAfter(at)) {
                state = change;
            }
        }
        return state == null || state.status() == null ? null : state;
    }

    /** The pool identifier of a Get or Update request: the last segment of its path, decoded. */
    private static String identifier(RecordedRequest request) {
        String path = request.rawPath();
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    private static <T> void example(List<T> examples, T example) {
        if (examples.size() < 10) {
            examples.add(example);
        }
    }
}
