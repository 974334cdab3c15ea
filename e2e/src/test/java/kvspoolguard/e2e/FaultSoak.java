package kvspoolguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import kvspoolguard.local.lambda.QueuePoller;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A fault soak of the built enforcer: a fleet in the Chime emulator with throttling, server errors
 * and latency on every request; outsiders flipping pools to UPDATING and back, each change followed
 * by the {@code aws.chime} event AWS would send (and one when an update of the enforcer's ends);
 * one function instance running scheduled sweeps while two others take the state-change events,
 * until the fleet is in policy. A failed invocation is retried twice, as Lambda retries an
 * asynchronous one. Then one more sweep, with the faults gone, must find nothing to do, and the
 * ground truth is compared with what reached the bus ({@link SoakLedger}).
 */
final class FaultSoak {

    static final String ENFORCER = "RetentionEnforcerFunction";
    static final String EXEMPT_TAG = "kvs-pool-guard:exempt";
    static final String HOME = "123456789012";
    private static final String EXTERNAL_ID = "kvs-pool-guard-soak";
    static final int MIN_HOURS = 24;
    static final int MAX_HOURS = 720;
    private static final int ATTEMPTS = 3;
    private static final int[] WITHIN = {24, 48, 168, 336, 720};
    private static final int[] OUTSIDE = {12, 2000, 9000};
    private static final int CHAOS_WORKERS = 6;

    /** What a soak measured; see docs/reliability.md for each figure's meaning. */
    record Result(SoakPlan plan, boolean converged, int runsToConverge, int auditUpdates, int noncompliantLeft,
                  int poolsNotActive, SoakLedger.Tally tally, StreamLedger.Tally streams, int stateMismatches,
                  List<String> outboxesLeft,
                  List<String> unhandled, int invocations, int retriedInvocations, int flips, int streamDrifts,
                  int enforcedBySweeps, int enforcedByEvents, Map<String, Long> chimeAnswers, Duration wallTime,
                  int refusedShardsReported, int refusedShardsExpected, boolean workerKilled) {

        int unhandledErrors() {
            return unhandled.size();
        }
    }

    private record Delivery(byte[] event, String label, CompletableFuture<Invocation> done) {
    }

    private final BuiltStack stack;
    private final SoakPlan plan;
    private final Random random;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger flipsMade = new AtomicInteger();
    private final AtomicInteger streamDriftsMade = new AtomicInteger();
    /** Flips taken on by a worker (given back when the pool could not be flipped): never more than planned. */
    private final AtomicInteger flipsTaken = new AtomicInteger();
    /** After the first sweep, a pool still unrecorded (its reads failed) is passed over, not waited for. */
    private volatile boolean firstSweepDone;
    private final AtomicInteger enforcedByEvents = new AtomicInteger();
    private final List<String> unhandled = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;
    private long changesSeen;
    private Instant deadline;

    FaultSoak(BuiltStack stack, SoakPlan plan) {
        this.stack = stack;
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    Result run() throws Exception {
        Instant start = Instant.now();
        deadline = start.plus(plan.timeLimit());
        stack.chime.reset();
        stack.tap.drain();
        stack.chime.transitionDelay(plan.transitionDelay());
        List<EmulatedPool> fleet = seedFleet();
        trustMemberRoles();
        Set<String> exempt = fleet.stream().filter(p -> p.tags().containsKey(EXEMPT_TAG)).map(this::arn)
                .collect(Collectors.toSet());
        // the refusing account's pools cannot be read: no one can flip what the guard is to report
        List<EmulatedPool> flippable = new ArrayList<>(fleet.stream().filter(p -> !refused(arn(p)))
                .filter(p -> exempt.contains(arn(p)) || within(p.dataRetentionInHours())).toList());
        Collections.shuffle(flippable, random);

        List<Thread> threads = new ArrayList<>();
        ExecutorService chaosWorkers = Executors.newFixedThreadPool(CHAOS_WORKERS);
        int sweeps = 0;
        int enforcedBySweeps = 0;
        boolean converged = false;
        int auditUpdates;
        String steps = stack.aws.newShardQueue("soak-steps", 30);
        QueuePoller workers = null;
        boolean killed = false;
        try (LocalFunction sweeper = function(steps);
             LocalFunction events1 = function(steps);
             LocalFunction events2 = function(steps)) {
            // warm, as Lambda's instances would be: a state change of a pool that does not exist
            // reads nothing and reports nothing
            for (LocalFunction f : List.of(sweeper, events1, events2)) {
                f.invoke(BuiltStack.sample("pool-updated.json", stack.chime.poolArn(LocalAwsServices.REGION, "absent")));
            }
            stack.chime.replaceFaults(faults(), plan.organization() == null ? List.of()
                    : List.of(new RateLimit(null, plan.organization().shardRequestsPerSecond())), plan.seed());
            threads.add(Thread.ofPlatform().name("soak-events-1").start(() -> handle(events1)));
            threads.add(Thread.ofPlatform().name("soak-events-2").start(() -> handle(events2)));
            threads.add(Thread.ofPlatform().name("soak-watcher").start(this::watchTransitions));
            CompletableFuture<Void> chaos = CompletableFuture.allOf(chaos(flippable, chaosWorkers),
                    streamChaos(fleet.stream().filter(p -> !refused(arn(p)) && !exempt.contains(arn(p))).toList(),
                            chaosWorkers));

            while (!converged && sweeps < plan.maxSweeps() && Instant.now().isBefore(deadline)) {
                sweeps++;
                Invocation planned = invoke(sweeper, schedule("soak-sweep-" + sweeps), "sweep " + sweeps);
                if (workers == null) {
                    // the shard workers start once the first sweep's steps are queued, one of them taken
                    // first by a worker its timeout kills mid-step
                    killed = plan.organization() != null && killAStep(steps);
                    workers = QueuePoller.start(stack.spec.eventSourceMappings().getFirst(), stack.aws.sqsClient,
                            steps, LocalAwsServices.REGION, () -> worker(steps), line -> { });
                }
                enforcedBySweeps += enforced(planned, workers);
                firstSweepDone = true;
                // every flip of the plan, however fast the sweep was: the later ones meet only the event handlers
                chaos.get(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
                settle();
                converged = fleetConverged(exempt);
            }
            settle();
            // the faults stop; a sweep now must find nothing left to do, and sees every pool as it ended
            stack.chime.clearFaults();
            auditUpdates = enforced(invoke(sweeper, schedule("soak-audit"), "audit sweep"), workers);
            settle();
        } finally {
            stopping = true;
            if (workers != null) {
                workers.close();
            }
            chaosWorkers.shutdownNow();
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }
            stack.chime.clearFaults();
        }

        // the refusing account's pools owe nothing: the guard cannot read them, and reports their shards
        List<PoolChange> changes = stack.chime.changes().stream().filter(c -> !refused(c.arn())).toList();
        var requests = stack.chime.requests();
        List<JsonNode> events = stack.tap.drain();
        int refusedShardsReported = (int) events.stream()
                .filter(e -> e.path("detail-type").asText().equals("Shard Failed")
                        && plan.organization() != null
                        && e.at("/detail/account").asText().equals(plan.organization().refusing()))
                .count();
        int refusedShardsExpected = plan.organization() == null ? 0 : (sweeps + 1) * regions().size();
        List<EmulatedPool> finalFleet = stack.chime.pools().stream().filter(p -> !refused(arn(p))).toList();
        SoakLedger ledger = new SoakLedger(changes, exempt::contains, MIN_HOURS, MAX_HOURS);
        SoakLedger.Tally tally = ledger.tally(events, requests, stack.chime::poolArn);
        StreamLedger.Tally streams = StreamLedger.tally(stack.chime.streamChanges(), stack.chime.changes(),
                finalFleet, stack.chime.streams(), events, p -> !exempt.contains(arn(p)));
        if (workers != null) {
            workers.close();
        }
        int noncompliant = (int) finalFleet.stream()
                .filter(p -> !ledger.compliant(arn(p), p.dataRetentionInHours())).count();
        int notActive = (int) finalFleet.stream().filter(p -> p.status() != PoolStatus.ACTIVE).count();
        Map<String, Long> answers = requests.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.status()), TreeMap::new, Collectors.counting()));
        List<String> mismatched = new ArrayList<>();
        List<String> outboxes = new ArrayList<>();
        compareState(finalFleet, mismatched, outboxes);
        stack.chime.reset(); // the other tests' emulator: no faults, no delay
        return new Result(plan, converged, converged ? sweeps : -1, auditUpdates, noncompliant, notActive, tally,
                streams, mismatched.size(), outboxes, List.copyOf(unhandled), invocations.get(), retried.get(), flipsMade.get(),
                streamDriftsMade.get(),
                enforcedBySweeps, enforcedByEvents.get(), answers, Duration.between(start, Instant.now()),
                refusedShardsReported, refusedShardsExpected, killed);
    }

    /** The accounts of the fleet: the stack's own first. */
    private List<String> accounts() {
        List<String> accounts = new ArrayList<>(List.of(HOME));
        if (plan.organization() != null) {
            accounts.addAll(plan.organization().members());
        }
        return accounts;
    }

    /** The regions of the fleet: the stack's own first. */
    private List<String> regions() {
        List<String> regions = new ArrayList<>(List.of(LocalAwsServices.REGION));
        if (plan.organization() != null) {
            regions.addAll(plan.organization().regions());
        }
        return regions;
    }

    private boolean refused(String arn) {
        return plan.organization() != null && arn.split(":")[4].equals(plan.organization().refusing());
    }

    private void trustMemberRoles() {
        if (plan.organization() != null) {
            stack.chime.trustRoles(plan.organization().members().stream().map(member -> {
                String role = "arn:aws:iam::" + member + ":role/KvsPoolGuardMember";
                return member.equals(plan.organization().refusing()) ? RoleTrust.refusing(role)
                        : RoleTrust.requiringExternalId(role, EXTERNAL_ID);
            }).toArray(RoleTrust[]::new));
        }
    }

    /**
     * Takes one step of a member shard from the queue and gives it to a worker whose timeout ends it
     * mid-step (its reads paced slower than its time allows); the message is not deleted, so SQS
     * delivers it again after the queue's visibility timeout. True when the worker was killed.
     */
    private boolean killAStep(String steps) {
        List<software.amazon.awssdk.services.sqs.model.Message> step = stack.aws.sqsClient.receiveMessage(r -> r
                .queueUrl(steps).maxNumberOfMessages(1).waitTimeSeconds(1)
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
                .messages();
        if (step.isEmpty()) {
            unhandled.add("no shard step to kill a worker in");
            return false;
        }
        String queueArn = stack.aws.sqsClient.getQueueAttributes(r -> r.queueUrl(steps).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        try (LocalFunction shortLived = stack.variant("ShardWorkerFunction", 4, orgVariables(Map.of(
                "CHIME_REQUESTS_PER_SECOND", "10", "MAX_CONCURRENCY", "2", "STEP_RESERVE_SECONDS", "1",
                "SHARD_QUEUE_URL", steps)))) {
            shortLived.invoke("{\"Records\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // init first
            Invocation run = shortLived.invoke(QueuePoller.event(step, queueArn, LocalAwsServices.REGION).toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return run.failed() && run.payloadText().contains("timed out");
        }
    }

    /** {@code variables} and, for an organisation, the member accounts, regions and external id. */
    private Map<String, String> orgVariables(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(variables);
        // the soak's subject is faults: its drifts lower pools by the hundred, past a day's decrease
        // budget (which PoolApiIT and EnforcerTest hold to); each invocation still takes its update cap
        all.put("MAX_DECREASES_PER_DAY", "");
        // half the pools outside the policy are exempt by their tag, which the stack turns on here
        all.put("EXEMPT_TAG", EXEMPT_TAG + "=true");
        if (plan.organization() != null) {
            all.put("GOVERNED_ACCOUNTS", String.join(",", plan.organization().members()));
            all.put("REGIONS", String.join(",", plan.organization().regions()));
            all.put("MEMBER_EXTERNAL_ID", EXTERNAL_ID);
        }
        return all;
    }

    /** Compliant pools within the bounds, some outside them, some exempt (half of those outside). */
    private List<EmulatedPool> seedFleet() {
        int outside = (int) Math.round(plan.pools() * plan.nonCompliantShare());
        int exempt = (int) Math.round(plan.pools() * plan.exemptShare());
        List<EmulatedPool> fleet = new ArrayList<>();
        List<String> accounts = accounts();
        List<String> regions = regions();
        for (int i = 0; i < plan.pools(); i++) {
            // the two soaks share the stack's table: their pools are named apart
            String name = String.format(plan.organization() == null ? "soak-%05d" : "org-%05d", i);
            EmulatedPool pool;
            if (i < outside) {
                pool = EmulatedPool.active(name, OUTSIDE[i % OUTSIDE.length]);
            } else if (i < outside + exempt) {
                int hours = i % 2 == 0 ? OUTSIDE[i % OUTSIDE.length] : WITHIN[i % WITHIN.length];
                pool = EmulatedPool.active(name, hours).withTags(Map.of(EXEMPT_TAG, "true"));
            } else {
                pool = EmulatedPool.active(name, WITHIN[i % WITHIN.length]);
            }
            // each account and region gets its share of every kind of pool
            fleet.add(pool.withAccount(accounts.get(i % accounts.size()))
                    .withRegion(regions.get(i / accounts.size() % regions.size())));
        }
        Collections.shuffle(fleet, random);
        List<EmulatedPool> seeded = stack.chime.seed(fleet.toArray(EmulatedPool[]::new));
        seeded.forEach(p -> stack.chime.growPool(p.accountId(), p.region(), p.name(), plan.streamsPerPool()));
        return seeded;
    }

    /** Throttling and server errors in the plan's shares of all requests, and latency on every one. */
    private List<FaultRule> faults() {
        // error rules are tried in order and the first that fires answers, so each is scaled to what is left
        double throttle = plan.throttleShare();
        double serviceFailure = plan.serverErrorShare() / 2 / (1 - throttle);
        double unavailable = plan.serverErrorShare() / 2 / ((1 - throttle) * (1 - serviceFailure));
        List<FaultRule> rules = new ArrayList<>();
        if (plan.organization() != null) {
            // one region's API fails a while: its first requests, whoever sends them
            rules.add(FaultRule.times(null, Fault.serviceFailure(), plan.organization().failingRequests())
                    .inRegion(plan.organization().failingRegion()));
        }
        rules.addAll(List.of(
                FaultRule.sometimes(null, Fault.throttle(), throttle),
                FaultRule.sometimes(null, Fault.serviceFailure(), serviceFailure),
                FaultRule.sometimes(null, Fault.serviceUnavailable(), unavailable),
                FaultRule.always(null, Fault.latency(plan.minLatency(), plan.maxLatency()))));
        return rules;
    }

    /**
     * Each flip: a compliant pool the enforcer has seen (a change before its first look is nobody's
     * to report), if ACTIVE, set to UPDATING at another retention, its event handled; held; set back
     * to ACTIVE, its event handled. Each state lasts until the enforcer was told of it, so that
     * every change can be reported.
     */
    private CompletableFuture<Void> chaos(List<EmulatedPool> pools, ExecutorService workers) {
        BlockingQueue<EmulatedPool> waiting = new LinkedBlockingQueue<>(pools);
        List<Long> seeds = random.longs(CHAOS_WORKERS).boxed().toList();
        return CompletableFuture.allOf(seeds.stream().map(seed -> CompletableFuture.runAsync(() -> {
            Random own = new Random(seed);
            for (EmulatedPool pool = waiting.poll(); pool != null && !stopping; pool = waiting.poll()) {
                try {
                    if (!recorded(pool)) {
                        if (!firstSweepDone) {
                            waiting.add(pool); // not seen yet: later
                            Thread.sleep(5);
                        }
                        continue;
                    }
                    if (flipsTaken.incrementAndGet() > plan.flips()) {
                        return;
                    }
                    if (!flip(pool, own)) {
                        flipsTaken.decrementAndGet();
                    }
                    Thread.sleep(own.nextInt(100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, workers)).toArray(CompletableFuture[]::new));
    }

    /**
     * The plan's stream changes, from the start, each of a governed pool's stream to another
     * retention behind its pool; every other one followed by CloudTrail's record of the call, which
     * the state-change handlers take. Like the flips, they are made while the first sweeps run.
     */
    private CompletableFuture<Void> streamChaos(List<EmulatedPool> governed, ExecutorService workers) {
        long seed = random.nextLong();
        return CompletableFuture.runAsync(() -> {
            Random own = new Random(seed);
            for (int i = 0; i < plan.streamDrifts() && !stopping; i++) {
                EmulatedPool pool = governed.get(own.nextInt(governed.size()));
                List<EmulatedStream> streams = stack.chime.streams().stream()
                        .filter(st -> st.poolId().filter(pool.poolId()::equals).isPresent()).toList();
                if (streams.isEmpty()) {
                    continue;
                }
                EmulatedStream stream = streams.get(own.nextInt(streams.size()));
                int hours = WITHIN[own.nextInt(WITHIN.length)] + 1; // never a pool's own: a drift each time
                stack.chime.replaceStream(stream.accountId(), stream.region(), stream.name(), st -> st.withRetention(hours));
                streamDriftsMade.incrementAndGet();
                if (i % 2 == 0) {
                    deliverStreamRecord(stream);
                }
                sleep(Duration.ofMillis(own.nextInt(20)));
            }
        }, workers);
    }

    /** CloudTrail's record of an outsider's UpdateDataRetention of {@code stream}, as the rule delivers it. */
    private CompletableFuture<Invocation> deliverStreamRecord(EmulatedStream stream) {
        ObjectNode record = (ObjectNode) BuiltStack.json(BuiltStack.sample("cloudtrail-stream-update-retention.json",
                null));
        record.put("id", UUID.randomUUID().toString()).put("account", stream.accountId()).put("region", stream.region());
        ObjectNode detail = (ObjectNode) record.get("detail");
        detail.put("recipientAccountId", stream.accountId()).put("awsRegion", stream.region())
                .put("eventID", UUID.randomUUID().toString());
        ((ObjectNode) detail.get("requestParameters")).put("streamARN", stream.arn());
        CompletableFuture<Invocation> done = new CompletableFuture<>();
        deliveries.add(new Delivery(bytes(record), "stream changed " + stream.name(), done));
        return done;
    }

    /** False when the pool was no longer as seeded, so nothing was flipped. */
    private boolean flip(EmulatedPool pool, Random own) throws InterruptedException {
        int current = pool.dataRetentionInHours();
        int hours;
        do {
            hours = own.nextInt(3) == 0 ? OUTSIDE[own.nextInt(OUTSIDE.length)] : WITHIN[own.nextInt(WITHIN.length)];
        } while (hours == current);
        int target = hours;
        // in the pool's own account: a member account's pool is flipped there, not one of the stack's
        var flipped = stack.chime.replace(pool.accountId(), pool.region(), pool.name(), p -> p.status() == PoolStatus.ACTIVE
                && p.dataRetentionInHours() == current ? p.withStatus(PoolStatus.UPDATING).withRetention(target) : null);
        if (flipped.isEmpty()) {
            return false;
        }
        flipsMade.incrementAndGet();
        deliver(arn(pool), "flip to UPDATING " + pool.name()).join();
        Thread.sleep(own.nextLong(plan.maxHold().toMillis() + 1));
        stack.chime.replace(pool.accountId(), pool.region(), pool.name(), p -> p.withStatus(PoolStatus.ACTIVE));
        deliver(arn(pool), "flip back to ACTIVE " + pool.name()).join();
        return true;
    }

    private boolean recorded(EmulatedPool pool) {
        return stack.aws.dynamoDbClient.getItem(r -> r.tableName(stack.stack.get("STATE_TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("pool#" + arn(pool))))).hasItem();
    }

    /** AWS's Updated event when a pool's update (the enforcer's) ends, as AWS sends one. */
    private void watchTransitions() {
        while (!stopping) {
            pollTransitions();
            sleep(Duration.ofMillis(50));
        }
    }

    private synchronized void pollTransitions() {
        for (PoolChange change : stack.chime.changes()) {
            if (change.sequence() > changesSeen) {
                changesSeen = change.sequence();
                if (change.cause() == PoolChange.Cause.TRANSITION && change.status() == PoolStatus.ACTIVE) {
                    deliver(change.arn(), "update ended " + change.arn());
                }
            }
        }
    }

    private CompletableFuture<Invocation> deliver(String arn, String label) {
        ObjectNode event = (ObjectNode) BuiltStack.json(BuiltStack.sample("pool-updated.json", arn));
        String[] parts = arn.split(":");
        // as AWS sends it in the pool's account and region (forwarded to the stack's bus from a member)
        event.put("id", UUID.randomUUID().toString()).put("account", parts[4]).put("region", parts[3]);
        CompletableFuture<Invocation> done = new CompletableFuture<>();
        deliveries.add(new Delivery(bytes(event), label, done));
        return done;
    }

    /** One function instance taking state-change events, one at a time, as Lambda gives them. */
    private void handle(LocalFunction function) {
        while (!stopping || !deliveries.isEmpty()) {
            Delivery delivery;
            try {
                delivery = deliveries.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (delivery == null) {
                continue;
            }
            busy.incrementAndGet();
            try {
                Invocation run = invoke(function, delivery.event(), delivery.label());
                enforcedByEvents.addAndGet(enforcedByEvent(run));
                delivery.done().complete(run);
            } catch (RuntimeException e) {
                unhandled.add(delivery.label() + ": " + e);
                delivery.done().complete(null);
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    /**
     * An invocation, retried twice if it fails, as Lambda does an asynchronous one. A failure that
     * is not one of the function's deliberate "retry me" answers, or one left after the retries (it
     * would be in the dead-letter queue), is an unhandled error.
     */
    private Invocation invoke(LocalFunction function, byte[] event, String label) {
        Invocation run = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            run = function.invoke(event);
            invocations.incrementAndGet();
            if (!run.failed()) {
                return run;
            }
            if (!deliberate(BuiltStack.json(run.payload()))) {
                unhandled.add(label + " failed unexpectedly: " + run.payloadText());
            }
            if (attempt < ATTEMPTS) {
                retried.incrementAndGet();
                sleep(Duration.ofMillis(200L * attempt)); // Lambda waits minutes; the soak has not got them
            }
        }
        unhandled.add(label + " still failed after " + ATTEMPTS + " attempts: " + run.payloadText());
        return run;
    }

    /**
     * The function's two ways of asking to be tried again: a run that left work undone, and a sweep
     * whose List still failed after the SDK's retries (the pools read before it were handled and
     * reported; RetentionEnforcerIT expects the same).
     */
    private static boolean deliberate(JsonNode error) {
        String type = error.path("errorType").asText();
        return type.endsWith(".IncompleteRunException")
                || type.endsWith(".PoolDirectoryException") && error.path("errorMessage").asText().startsWith("list pools in ");
    }

    /** Until every update made has ended and every event about it was handled. */
    private void settle() {
        sleep(plan.transitionDelay().plusMillis(100));
        pollTransitions();
        while ((!deliveries.isEmpty() || busy.get() > 0) && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(20));
        }
    }

    /** Every pool ACTIVE and in policy, and every stream of a governed pool at its pool's retention. */
    private boolean fleetConverged(Set<String> exempt) {
        List<EmulatedPool> pools = stack.chime.pools().stream().filter(p -> !refused(arn(p))).toList();
        boolean poolsIn = pools.stream().allMatch(p -> p.status() == PoolStatus.ACTIVE
                && (exempt.contains(arn(p)) || within(p.dataRetentionInHours())));
        return poolsIn && StreamLedger.tally(List.of(), List.of(), pools, stack.chime.streams(), List.of(),
                p -> !exempt.contains(arn(p))).off() == 0;
    }

    /**
     * The state table against the fleet as it ended: pools whose record holds another status or
     * retention (or none), and records whose outbox still holds events, with those events' ids.
     */
    private void compareState(List<EmulatedPool> fleet, List<String> mismatches, List<String> outboxes) {
        Map<String, EmulatedPool> byArn = fleet.stream().collect(Collectors.toMap(this::arn, p -> p));
        Set<String> recorded = new HashSet<>();
        for (Map<String, AttributeValue> item : stack.aws.dynamoDbClient.scanPaginator(r -> r.tableName(
                stack.stack.get("STATE_TABLE_NAME"))).items()) {
            if (!item.get("pk").s().startsWith("pool#")) {
                continue; // a run's record
            }
            EmulatedPool pool = byArn.get(item.get("arn").s());
            if (pool == null) {
                continue; // another test's pool
            }
            recorded.add(item.get("arn").s());
            AttributeValue hours = item.get("retentionHours");
            AttributeValue status = item.get("status");
            if (status == null || !status.s().equals(pool.status().name()) || hours == null
                    || Integer.parseInt(hours.n()) != pool.dataRetentionInHours()) {
                mismatches.add(pool.name());
            }
            AttributeValue outbox = item.get("outbox");
            if (outbox != null && outbox.hasM() && !outbox.m().isEmpty()) {
                outboxes.add(pool.name() + " " + outbox.m().keySet());
            }
        }
        byArn.keySet().stream().filter(a -> !recorded.contains(a)).forEach(a -> mismatches.add(a + " (no record)"));
    }

    private LocalFunction function(String steps) {
        // pacing at the template's 25/s would make a 1,000-pool sweep last over a minute; the
        // soak's subject is faults, and its throttling is injected, not earned
        return stack.variant(ENFORCER, 300, orgVariables(Map.of("CHIME_REQUESTS_PER_SECOND", "100",
                "SHARD_QUEUE_URL", steps)));
    }

    /** A shard worker of the soak's own queue, as fast as its enforcers. */
    private LocalFunction worker(String steps) {
        return stack.variant("ShardWorkerFunction", 300, orgVariables(Map.of("CHIME_REQUESTS_PER_SECOND", "100",
                "SHARD_QUEUE_URL", steps)));
    }

    private static byte[] schedule(String id) {
        return BuiltStack.firing(id + "-" + UUID.randomUUID());
    }

    /** The pools a state change's run enforced, as its summary says. */
    private static int enforcedByEvent(Invocation run) {
        return run == null || run.failed() ? 0 : BuiltStack.json(run.payload()).path("counts").path("ENFORCED").asInt();
    }

    /** The pools a planned sweep enforced, once the workers took its every step: its run record says. */
    private int enforced(Invocation planned, QueuePoller workers) {
        if (planned == null || planned.failed()) {
            return 0;
        }
        if (!workers.awaitIdle(Duration.ofMinutes(5))) {
            unhandled.add("the shard workers did not finish a sweep within 5 minutes");
        }
        return stack.runCount(BuiltStack.json(planned.payload()).path("runId").asText(), "ENFORCED");
    }

    private static boolean within(Integer hours) {
        return hours != null && hours >= MIN_HOURS && hours <= MAX_HOURS;
    }

    private String arn(EmulatedPool pool) {
        return stack.chime.poolArn(pool.accountId(), pool.region(), pool.name());
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return BuiltStack.JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
