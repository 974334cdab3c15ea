package kvspoolguard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalSpec;
import kvspoolguard.local.lambda.QueuePoller;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Organisation sweeps as the template runs them: the enforcer plans the run (one message per
 * shard), the shard workers take the steps through the event source mapping's pollers, at most
 * {@code MaximumConcurrency} at a time, each pacing its own shard. The fleet was swept before: its
 * state records are in the table (see {@link StateSeed}), and a tenth of its pools drifted since,
 * so the sweep measured is the steady hourly one. The workers' execution environments are
 * initialised before the run, as SnapStart (on in the template) restores them ready; the planner's
 * cold start is in the wall time.
 */
final class OrgSweepBench {

    static final String HOME = "123456789012";
    static final List<String> REGIONS = List.of(LocalAwsServices.REGION, "eu-west-1", "us-west-2", "ap-northeast-1");
    static final Duration LATENCY = Duration.ofMillis(25);
    static final int RATE = 25;
    static final int CONCURRENCY = 4;
    static final int POOLS_PER_SHARD = 250;
    private static final String EXTERNAL_ID = "kvs-pool-guard-bench";
    /**
     * A decrease budget no bench spends: the sweeps measure speed and calls, with each decrease
     * taking its slot in the state table as in production, never deferred.
     */
    static final String UNSPENT_BUDGET = "1000000";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);

    private final BenchStack stack;
    private final SampleEvents events;

    OrgSweepBench(BenchStack stack, SampleEvents events) {
        this.stack = stack;
        this.events = events;
    }

    /** One shard worker invocation: its shard, when it ran (seconds from the run's start), and whether it failed. */
    record Invocation(String shard, double startSeconds, double endSeconds, boolean failed) {
    }

    /** A measured organisation sweep. */
    record Run(int accounts, int regions, int poolsPerShard, int concurrency, int rate, long chimeCalls,
               long streamCalls, long assumeRoles, long minimumCalls, double seconds, double floorSeconds,
               List<Invocation> invocations) {

        int shards() {
            return accounts * regions;
        }

        long calls() {
            return chimeCalls + streamCalls + assumeRoles;
        }
    }

    /** {@code accounts} accounts (the stack's own and members) × the four regions × {@code poolsPerShard} pools. */
    Run sweep(int accounts, int poolsPerShard) {
        List<String> members = IntStream.range(1, accounts).mapToObj(i -> String.format("%012d", 200_000_000_000L + i))
                .toList();
        List<String> all = new ArrayList<>(List.of(HOME));
        all.addAll(members);
        List<StateSeed.Recorded> recorded = seedFleet(all, REGIONS, poolsPerShard, 10);
        int drifted = Fleet.streams(stack.chime, stack.chime.pools(), Fleet.STREAMS_PER_POOL);
        stack.chime.trustRoles(members.stream().map(m -> RoleTrust.requiringExternalId(
                "arn:aws:iam::" + m + ":role/KvsPoolGuardMember", EXTERNAL_ID)).toArray(RoleTrust[]::new));

        Map<String, String> overrides = new HashMap<>(Map.of("MAX_UPDATES_PER_RUN", "",
                "MAX_DECREASES_PER_DAY", UNSPENT_BUDGET, "EXEMPT_TAG", "none",
                "CHIME_REQUESTS_PER_SECOND", String.valueOf(RATE), "STREAM_REQUESTS_PER_SECOND",
                String.valueOf((int) SweepBench.STREAM_PACE), "GOVERNED_ACCOUNTS", String.join(",", members),
                "REGIONS", String.join(",", REGIONS.subList(1, REGIONS.size())), "MEMBER_EXTERNAL_ID", EXTERNAL_ID));
        stack.note("org sweep: " + all.size() + " accounts × " + REGIONS.size() + " regions × " + poolsPerShard);
        Measured measured = measure(overrides, recorded, CONCURRENCY, stack.spec.function(BenchStack.WORKER).timeoutSeconds(),
                true);

        long pages = (poolsPerShard + 99) / 100;
        int shards = all.size() * REGIONS.size();
        long updates = recorded.stream().filter(p -> p.hours() != Fleet.COMPLIANT_HOURS).count();
        long perShard = pages + poolsPerShard + updates / shards;
        // each shard's streams at their own pace, beside its pool calls: the slower of the two sets its floor
        long streamsPerShard = Fleet.streamFloor(1, poolsPerShard * Fleet.STREAMS_PER_POOL, drifted / shards);
        long memberInvocations = measured.invocations().stream().filter(i -> !i.shard().startsWith(HOME)).count();
        long minimum = shards * (perShard + streamsPerShard) + memberInvocations;
        double waves = Math.ceil((double) shards / CONCURRENCY);
        double shardFloor = Math.max((double) perShard / RATE, streamsPerShard / SweepBench.STREAM_PACE);
        return new Run(all.size(), REGIONS.size(), poolsPerShard, CONCURRENCY, RATE, measured.chimeCalls(),
                measured.streamCalls(), measured.assumeRoles(), minimum, measured.seconds(), waves * shardFloor,
                measured.invocations());
    }

    /** A single shard's steady sweep under a short worker timeout: it finishes through continuations. */
    record Continued(int pools, int timeoutSeconds, int invocations, long calls, long minimumCalls, double seconds) {

        int continuations() {
            return invocations - 1;
        }
    }

    Continued largeShard(int pools, int timeoutSeconds) {
        // one pool in a hundred drifted: the step's work is reading, as in a quiet hour
        List<StateSeed.Recorded> recorded = seedFleet(List.of(HOME), List.of(LocalAwsServices.REGION), pools, 100);
        Map<String, String> overrides = Map.of("MAX_UPDATES_PER_RUN", "", "MAX_DECREASES_PER_DAY", UNSPENT_BUDGET,
                "EXEMPT_TAG", "none", "CHIME_REQUESTS_PER_SECOND", "0");
        stack.note("large shard: " + pools + " pools, worker timeout " + timeoutSeconds + " s");
        Measured measured = measure(overrides, recorded, 1, timeoutSeconds, false);
        if (measured.invocations().stream().anyMatch(Invocation::failed)) {
            throw new IllegalStateException("a step of the large shard failed (timed out?): " + measured.invocations());
        }
        long updates = recorded.stream().filter(p -> p.hours() != Fleet.COMPLIANT_HOURS).count();
        // its streams (none here) listed once per shard at the fewest; each step lists them again
        return new Continued(pools, timeoutSeconds, measured.invocations().size(),
                measured.chimeCalls() + measured.streamCalls(), (pools + 99) / 100 + pools + updates + 1,
                measured.seconds());
    }

    private record Measured(long chimeCalls, long streamCalls, long assumeRoles, double seconds,
                            List<Invocation> invocations) {
    }

    /**
     * Records the fleet as swept before, then runs one scheduled sweep through the queue: the
     * planner's invocation to the end of the last step. The wall time starts when the planner is
     * invoked and ends when the last step's invocation ends.
     */
    private Measured measure(Map<String, String> overrides, List<StateSeed.Recorded> recorded, int concurrency,
                             int workerTimeoutSeconds, boolean paced) {
        Map<String, String> resources = stack.freshResources();
        try (LocalFunction planner = stack.function(BenchStack.ENFORCER, resources, overrides)) {
            Map<String, AttributeValue> copied = seedState(planner, resources, recorded);
            stack.chime.clearJournal();
            if (paced) {
                stack.chime.replaceFaults(List.of(FaultRule.always(null, Fault.latency(LATENCY))),
                        List.of(new RateLimit(null, RATE)), 1);
            }
            LocalSpec.EventSourceMapping template = stack.spec.eventSourceMappings().stream()
                    .filter(m -> m.function().equals(BenchStack.WORKER)).findFirst().orElseThrow();
            LocalSpec.EventSourceMapping mapping = new LocalSpec.EventSourceMapping(template.function(),
                    template.event(), template.queue(), template.batchSize(), concurrency,
                    template.reportBatchItemFailures());
            try (QueuePoller workers = QueuePoller.start(mapping, stack.aws.sqsClient, resources.get("SHARD_QUEUE_URL"),
                    LocalAwsServices.REGION, () -> initialised(workerTimeoutSeconds, resources, overrides),
                    line -> stack.note("poller: " + line))) {
                Instant start = Instant.now();
                LocalFunction.Invocation plan = planner.invoke(events.schedule(java.util.UUID.randomUUID().toString()));
                if (plan.failed()) {
                    throw new IllegalStateException("the planner failed: " + plan.payloadText());
                }
                if (!workers.awaitIdle(RUN_LIMIT)) {
                    throw new IllegalStateException("the sweep did not end within " + RUN_LIMIT);
                }
                List<QueuePoller.Delivery> deliveries = workers.deliveries();
                Instant end = deliveries.stream().map(QueuePoller.Delivery::end).max(Instant::compareTo).orElse(start);
                List<Invocation> invocations = deliveries.stream().sorted(java.util.Comparator.comparing(
                        QueuePoller.Delivery::start)).map(d -> new Invocation(d.group(), seconds(start, d.start()),
                        seconds(start, d.end()), d.failed())).toList();
                long chime = stack.chime.counters().entrySet().stream()
                        .filter(e -> e.getKey().faultable() && !e.getKey().stream())
                        .mapToLong(e -> e.getValue().calls()).sum();
                long streams = stack.chime.counters().entrySet().stream().filter(e -> e.getKey().stream())
                        .mapToLong(e -> e.getValue().calls()).sum();
                checkConverged();
                checkSteady(resources, recorded.get(1), copied);
                return new Measured(chime, streams, stack.chime.count(Operation.ASSUME_ROLE).calls(),
                        seconds(start, end), invocations);
            }
        } finally {
            stack.chime.clearFaults();
        }
    }

    /** A worker's execution environment, its init done (the handler answers an empty batch). */
    private LocalFunction initialised(int timeoutSeconds, Map<String, String> resources, Map<String, String> overrides) {
        LocalFunction worker = stack.function(BenchStack.WORKER, timeoutSeconds, resources, overrides);
        LocalFunction.Invocation warm = worker.invoke("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));
        if (warm.failed()) {
            worker.close();
            throw new IllegalStateException("a shard worker failed its init: " + warm.payloadText());
        }
        return worker;
    }

    /**
     * The emulator holds the fleet, one pool in {@code every} of each shard outside the policy; the
     * list says what the state table is to record for each: the retention it had when last swept
     * (corrected into bounds), so that those pools drifted since.
     */
    private List<StateSeed.Recorded> seedFleet(List<String> accounts, List<String> regions, int poolsPerShard,
                                               int every) {
        stack.chime.reset();
        List<EmulatedPool> pools = new ArrayList<>();
        List<StateSeed.Recorded> recorded = new ArrayList<>();
        for (String account : accounts) {
            for (String region : regions) {
                for (int i = 0; i < poolsPerShard; i++) {
                    String name = String.format("pool-%05d", i);
                    int hours = i % every == every - 1 ? (i / every % 2 == 0 ? 2000 : 1) : Fleet.COMPLIANT_HOURS;
                    pools.add(EmulatedPool.active(name, hours).withAccount(account).withRegion(region));
                    int last = hours == 2000 ? 720 : hours == 1 ? 24 : hours;
                    recorded.add(new StateSeed.Recorded(stack.chime.poolArn(account, region, name), name, region, last));
                }
            }
        }
        stack.chime.seed(pools.toArray(EmulatedPool[]::new));
        return recorded;
    }

    /**
     * The guard records one pool of the home shard (an aws.chime event for it); every other record is
     * a copy of that one.
     */
    private Map<String, AttributeValue> seedState(LocalFunction planner, Map<String, String> resources,
                                                  List<StateSeed.Recorded> recorded) {
        StateSeed.Recorded first = recorded.getFirst();
        LocalFunction.Invocation seen = planner.invoke(events.poolUpdated(first.arn()));
        if (seen.failed()) {
            throw new IllegalStateException("the enforcer failed recording " + first.arn() + ": " + seen.payloadText());
        }
        String table = resources.get("STATE_TABLE_NAME");
        Map<String, AttributeValue> original = stack.aws.dynamoDbClient.getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("pool#" + first.arn())))).item();
        if (original == null || original.isEmpty()) {
            throw new IllegalStateException("the enforcer left no record of " + first.arn());
        }
        StateSeed.write(stack.aws.dynamoDbClient, table, original, first, recorded.subList(1, recorded.size()));
        return StateSeed.copy(original, first, recorded.get(1));
    }

    /**
     * A compliant pool's copied record is as it was written: the guard took the copies for its own
     * records and had nothing to write (a record it could not read would have been written anew).
     */
    private void checkSteady(Map<String, String> resources, StateSeed.Recorded compliant,
                             Map<String, AttributeValue> copied) {
        Map<String, AttributeValue> now = stack.aws.dynamoDbClient.getItem(r -> r.tableName(
                resources.get("STATE_TABLE_NAME")).key(Map.of("pk", copied.get("pk")))).item();
        if (!copied.equals(now)) {
            throw new IllegalStateException("the sweep rewrote the copied record of " + compliant.arn()
                    + ": the copy is not a record the guard takes as its own; was " + copied + ", is " + now);
        }
    }

    /** Every pool ends within the policy's bounds: the sweep did its job, not only its calls. */
    private void checkConverged() {
        Map<String, Long> outside = stack.chime.pools().stream()
                .filter(p -> p.dataRetentionInHours() < 24 || p.dataRetentionInHours() > 720)
                .collect(Collectors.groupingBy(p -> p.accountId() + "-" + p.region(), Collectors.counting()));
        if (!outside.isEmpty()) {
            throw new IllegalStateException("pools left outside the policy, by shard: " + outside);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
