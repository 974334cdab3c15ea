package kvspoolguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.QueuePoller;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Scheduled sweeps of the sam-built enforcer over seeded fleets: the calls it makes against the
 * fewest possible, its wall time under the API's rate limit against the floor that limit sets, and
 * its wall time against the naive baseline's. Sweep times are the REPORT line's Duration (init
 * excluded), each on a fresh runtime, fresh state table and fresh bus.
 */
final class SweepBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration LATENCY = Duration.ofMillis(25);
    static final double RATE_LIMIT = 50;
    /** The template's default pace of the stream calls, per account and region. */
    static final double STREAM_PACE = 20;
    /**
     * No update cap: a 10,000-pool fleet has 1,000 pools to correct. A decrease budget no sweep
     * spends: each decrease still takes its slot in the state table, as it does in production.
     */
    private static final Map<String, String> NO_CAP = Map.of("MAX_UPDATES_PER_RUN", "",
            "MAX_DECREASES_PER_DAY", OrgSweepBench.UNSPENT_BUDGET);

    private final BenchStack stack;
    private final SampleEvents events;
    private final byte[] schedule;

    SweepBench(BenchStack stack, SampleEvents events) {
        this.stack = stack;
        this.events = events;
        this.schedule = events.schedule();
    }

    /** One sweep's calls per operation, and the fewest it could have made. */
    record Calls(int pools, int nonCompliant, boolean tags, Map<Operation, Long> made, Map<Operation, Long> minimum,
                 double seconds, long maxMemoryMb, Double peakHeapMb) {

        long total(Map<Operation, Long> counts) {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        double ratio() {
            return (double) total(made) / total(minimum);
        }

        double ratio(Operation op) {
            return minimum.get(op) == 0 ? (made.get(op) == 0 ? 1.0 : Double.POSITIVE_INFINITY)
                    : (double) made.get(op) / minimum.get(op);
        }
    }

    /**
     * A sweep of {@code pools} pools at no latency and no limit, under the template's defaults but
     * for the update cap and the pacing (the API of this scenario has no limit).
     */
    Calls calls(int pools, Path gcLog) {
        Fleet fleet = Fleet.seed(stack.chime, pools);
        Map<String, String> overrides = new HashMap<>(NO_CAP);
        overrides.put("CHIME_REQUESTS_PER_SECOND", "0");
        if (gcLog != null) {
            overrides.put("JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + gcLog.toAbsolutePath());
        }
        stack.note("calls: " + pools + " pools");
        LocalFunction.Report report;
        Map<String, String> resources = stack.freshResources();
        try (LocalFunction enforcer = stack.function(BenchStack.ENFORCER, resources, overrides)) {
            report = sweep(enforcer, resources, overrides).report();
        }
        boolean tags = tagsRead();
        Map<Operation, Long> minimum = new EnumMap<>(Operation.class);
        minimum.put(Operation.LIST_POOLS, (long) fleet.pages());
        minimum.put(Operation.GET_POOL, (long) pools);
        minimum.put(Operation.LIST_TAGS_FOR_RESOURCE, tags ? (long) pools : 0L);
        minimum.put(Operation.UPDATE_POOL, (long) fleet.nonCompliant());
        Map<Operation, Long> made = new EnumMap<>(Operation.class);
        minimum.keySet().forEach(op -> made.put(op, stack.chime.count(op).calls()));
        Double heap = gcLog == null ? null : GcLog.peakHeapMb(gcLog);
        return new Calls(pools, fleet.nonCompliant(), tags, made, minimum, report.durationMs() / 1000,
                report.maxMemoryUsedMb(), heap);
    }

    /**
     * A timed sweep: how long, how many calls (to pools and streams), the fewest possible, how many
     * were throttled, and the floor the rate limits set (null: none measured).
     */
    record Timed(int pools, long calls, long minimumCalls, long throttled, double seconds, Double floorSeconds) {
    }

    /** A sweep's stream calls and the fewest it could have made: a ListStreams page, an update per drifted stream. */
    record StreamCalls(int pools, int streams, int drifted, long listed, long described, long updated, long minimum,
                       double seconds) {

        double ratio() {
            return (double) (listed + described + updated) / minimum;
        }
    }

    /**
     * A sweep of {@code pools} pools with their streams ({@value Fleet#STREAMS_PER_POOL} each, one in
     * twenty drifted), the Chime calls unpaced, the stream calls at the template's pace under
     * Kinesis Video Streams' documented quotas (the emulator's defaults).
     */
    StreamCalls streamCalls(int pools) {
        Fleet fleet = Fleet.seedWithStreams(stack.chime, pools);
        Map<String, String> overrides = new HashMap<>(NO_CAP);
        overrides.put("CHIME_REQUESTS_PER_SECOND", "0");
        overrides.put("STREAM_REQUESTS_PER_SECOND", String.valueOf((int) STREAM_PACE));
        stack.note("stream calls: " + pools + " pools, " + fleet.streams() + " streams");
        LocalFunction.Report report;
        Map<String, String> resources = stack.freshResources();
        try (LocalFunction enforcer = stack.function(BenchStack.ENFORCER, resources, overrides)) {
            report = sweep(enforcer, resources, overrides).report();
        }
        return new StreamCalls(pools, fleet.streams(), fleet.driftedStreams(),
                stack.chime.count(Operation.LIST_STREAMS).calls(), stack.chime.count(Operation.DESCRIBE_STREAM).calls(),
                stack.chime.count(Operation.UPDATE_DATA_RETENTION).calls(),
                Fleet.streamFloor(1, fleet.streams(), fleet.driftedStreams()), report.durationMs() / 1000);
    }

    /** With no policy document, the policy needs tags exactly when the template's exemption tag is on. */
    private boolean tagsRead() {
        String tag = stack.spec.function(BenchStack.ENFORCER).environment().getOrDefault("EXEMPT_TAG", "");
        return !tag.isBlank() && !"none".equalsIgnoreCase(tag);
    }

    /**
     * 1,000 pools with their streams, 25 ms per call, the pool API limited to 50 requests per second
     * and the stream API to Kinesis Video Streams' quotas; the floor is the slower of the two APIs'
     * fewest calls at their paces, since the two are paced apart and go on side by side.
     */
    Timed underRateLimit(int pools) {
        Fleet fleet = Fleet.seedWithStreams(stack.chime, pools);
        stack.chime.replaceFaults(List.of(FaultRule.always(null, Fault.latency(LATENCY))),
                List.of(new RateLimit(null, RATE_LIMIT)), 1);
        Map<String, String> overrides = new HashMap<>(NO_CAP);
        overrides.put("CHIME_REQUESTS_PER_SECOND", String.valueOf((int) RATE_LIMIT));
        overrides.put("STREAM_REQUESTS_PER_SECOND", String.valueOf((int) STREAM_PACE));
        stack.note("rate limit: " + pools + " pools");
        LocalFunction.Report report;
        Map<String, String> resources = stack.freshResources();
        try (LocalFunction enforcer = stack.function(BenchStack.ENFORCER, resources, overrides)) {
            report = sweep(enforcer, resources, overrides).report();
        }
        // a Get per pool, and its tags only when the template's exemption tag is on (off by default)
        long chime = fleet.pages() + (tagsRead() ? 2L : 1L) * pools + fleet.nonCompliant();
        long streams = Fleet.streamFloor(1, fleet.streams(), fleet.driftedStreams());
        double floor = Math.max(chime / RATE_LIMIT, streams / STREAM_PACE);
        return timed(pools, chime + streams, report.durationMs() / 1000, floor);
    }

    /**
     * The same 1,000-pool fleet at 25 ms per call and no limit, swept by the naive baseline and by
     * the enforcer: list, get, update (the exemption tag is off, so no tags are read; the enforcer's
     * pacing is off, as for an API without a limit); the enforcer also brings the pools' streams to
     * their pools' retention, which the naive loop never reads. The enforcer sweeps
     * twice: its first sweep of a fleet also records every pool and announces it (a write and an
     * event per pool); the second, after 10% of the pools drifted out of policy again, is the
     * hourly sweep of steady operation, and the one compared.
     */
    /** The naive loop's and the enforcer's sweeps, by name, and the enforcer's steady hour (for its cost). */
    record Race(Map<String, Timed> sweeps, Cost.SteadyHour steadyHour) {
    }

    Race againstNaive(int pools) {
        Map<String, Timed> result = new LinkedHashMap<>();
        Cost.SteadyHour steadyHour = null;
        Fleet fleet = slowFleet(pools);
        long minimum = fleet.pages() + (long) pools + fleet.nonCompliant();
        long oursMinimum = minimum + Fleet.streamFloor(1, fleet.streams(), fleet.driftedStreams());
        stack.note("naive: " + pools + " pools");
        try (LocalFunction naive = stack.baseline("kvspoolguard.baseline.NaiveSweepHandler", stack.freshResources(),
                Map.of("MIN_RETENTION_HOURS", "24", "MAX_RETENTION_HOURS", "720"))) {
            result.put("naive", timed(pools, minimum, invoke(naive, schedule).report().durationMs() / 1000, null));
        }
        Map<String, String> overrides = new HashMap<>(NO_CAP);
        overrides.put("EXEMPT_TAG", "none");
        overrides.put("CHIME_REQUESTS_PER_SECOND", "0");
        Map<String, String> resources = stack.freshResources();
        for (String run : List.of("ours_first_sweep", "ours")) {
            slowFleet(pools);
            stack.note(run + ": " + pools + " pools");
            try (LocalFunction enforcer = stack.function(BenchStack.ENFORCER, resources, overrides)) {
                if (run.equals("ours")) {
                    stack.countEvents(resources); // the steady sweep's events are the hour's, for its cost
                }
                Swept sweep = sweep(enforcer, resources, overrides);
                result.put(run, timed(pools, oursMinimum, sweep.report().durationMs() / 1000, null));
                if (run.equals("ours")) {
                    steadyHour = steadyHour(enforcer, fleet, sweep, stack.published(resources));
                }
            }
        }
        return new Race(result, steadyHour);
    }

    /**
     * The steady sweep as an hour of operation: the sweep, and the aws.chime Updated event that each
     * of its updates causes, measured once on the warm enforcer (the pool is compliant by then).
     */
    private Cost.SteadyHour steadyHour(LocalFunction enforcer, Fleet fleet, Swept sweep, long published) {
        long streamCalls = stack.chime.counters().entrySet().stream().filter(e -> e.getKey().stream())
                .mapToLong(e -> e.getValue().calls()).sum();
        String updated = stack.chime.poolArn(LocalAwsServices.REGION, String.format("pool-%05d", 9)); // one it updated
        LocalFunction.Invocation event = invoke(enforcer, events.poolUpdated(updated));
        return new Cost.SteadyHour(fleet.pools(), fleet.nonCompliant(), sweep.steps(), sweep.report().durationMs() / 1000,
                published, event.report().durationMs() / 1000, sweep.report().memorySizeMb(),
                new Cost.StreamWork(streamCalls, fleet.driftedStreams() / 2));
    }

    /** The fleet with its streams (the naive loop reads none of them), every call 25 ms. */
    private Fleet slowFleet(int pools) {
        Fleet fleet = Fleet.seedWithStreams(stack.chime, pools);
        stack.chime.injectFaults(FaultRule.always(null, Fault.latency(LATENCY)));
        return fleet;
    }

    /** The calls of every operation; throttled: the pool API's 429s and Kinesis Video Streams' ClientLimitExceeded. */
    private Timed timed(int pools, long minimum, double seconds, Double floor) {
        long calls = stack.chime.counters().values().stream().mapToLong(c -> c.calls()).sum();
        long throttled = stack.chime.counters().values().stream().mapToLong(c -> c.withStatus(429)).sum()
                + stack.chime.counters().entrySet().stream().filter(e -> e.getKey().stream())
                        .mapToLong(e -> e.getValue().withStatus(400)).sum();
        return new Timed(pools, calls, minimum, throttled, seconds, floor);
    }

    /** A sweep's invocations as one: their durations summed, their peak memory. */
    record Swept(LocalFunction.Report report, int steps) {
    }

    /**
     * A sweep as the template runs it: the enforcer plans it (a fresh run each time), then a shard
     * worker of the same configuration takes each step the queue holds, one after the other (one
     * shard here), as its event source mapping would.
     */
    private Swept sweep(LocalFunction planner, Map<String, String> resources, Map<String, String> overrides) {
        LocalFunction.Report plan = invoke(planner, events.schedule(java.util.UUID.randomUUID().toString())).report();
        double millis = plan.durationMs();
        long memory = plan.maxMemoryUsedMb();
        int steps = 0;
        String queue = resources.get("SHARD_QUEUE_URL");
        String arn = stack.aws.sqsClient.getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        try (LocalFunction worker = stack.function(BenchStack.WORKER, resources, overrides)) {
            for (List<Message> batch = receive(queue); !batch.isEmpty(); batch = receive(queue)) {
                LocalFunction.Report step = invoke(worker, QueuePoller.event(batch, arn, LocalAwsServices.REGION)
                        .toString().getBytes(StandardCharsets.UTF_8)).report();
                batch.forEach(m -> stack.aws.sqsClient.deleteMessage(r -> r.queueUrl(queue)
                        .receiptHandle(m.receiptHandle())));
                millis += step.durationMs();
                memory = Math.max(memory, step.maxMemoryUsedMb());
                steps++;
            }
        }
        return new Swept(new LocalFunction.Report(plan.requestId(), plan.initDurationMs(), millis, plan.memorySizeMb(),
                memory), steps);
    }

    private List<Message> receive(String queue) {
        return stack.aws.sqsClient.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static LocalFunction.Invocation invoke(LocalFunction function, byte[] event) {
        LocalFunction.Invocation answer = function.invoke(event);
        if (answer.failed()) {
            throw new IllegalStateException(function.name() + " failed: " + answer.payloadText());
        }
        return answer;
    }
}
