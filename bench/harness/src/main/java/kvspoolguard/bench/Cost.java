package kvspoolguard.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What governing 1,000 pools costs a month on an hourly schedule, from one measured steady hour,
 * at AWS's published on-demand prices in us-east-1 (docs/cost.md lists them with their date):
 * Lambda (arm64) GB-seconds and requests, DynamoDB on-demand read and write request units,
 * EventBridge custom events, SQS FIFO requests; beside it, what AWS Config would charge to evaluate the
 * same pools as often, had it a KVS pool resource type.
 */
final class Cost {

    static final String PRICES_AS_OF = "2026-12-01";
    static final double LAMBDA_ARM_GB_SECOND = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    /** On-demand, per request unit (the 2024-11 price: half the earlier one). */
    static final double DYNAMODB_READ_UNIT = 0.125 / 1_000_000;
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1_000_000;
    static final double EVENTBRIDGE_EVENT = 1.00 / 1_000_000;
    /** FIFO queue requests (the shard queue is FIFO). */
    static final double SQS_FIFO_REQUEST = 0.50 / 1_000_000;
    /** AWS Config: rule evaluations, tiered per month and region; a configuration item recorded (continuous). */
    static final double CONFIG_EVALUATION_FIRST_100K = 0.001;
    static final double CONFIG_EVALUATION_NEXT_400K = 0.0008;
    static final double CONFIG_EVALUATION_OVER_500K = 0.0005;
    static final double CONFIG_ITEM = 0.003;
    static final double HOURS_PER_MONTH = 730;

    /**
     * One steady hour of a fleet: the sweep (the planner's and the shard steps' duration, the steps,
     * the events published) and the aws.chime Updated event each of its updates causes (one
     * measured, warm).
     */
    record SteadyHour(int pools, int updates, int steps, double sweepSeconds, long eventsPublished,
                      double updatedEventSeconds, int memoryMb, StreamWork streams) {
    }

    /**
     * The hour's work on the pools' streams: its Kinesis Video Streams calls (ListStreams,
     * DescribeStream, UpdateDataRetention) and the decreases among them (each takes a slot of the
     * day's decrease budget: one conditional write). Their time is in the sweep's, their
     * announcements among its events.
     */
    record StreamWork(long calls, long decreases) {
    }

    /**
     * Kinesis Video Streams prices the media ingested, stored and consumed; its control-plane calls
     * have no published per-request price.
     */
    static final double KINESIS_VIDEO_CONTROL_CALL = 0;

    /** The month's bill per 1,000 pools, by item, in USD. */
    static Map<String, Double> perThousandPoolsMonth(SteadyHour hour) {
        double scale = 1000.0 / hour.pools();
        double gb = hour.memoryMb() / 1024.0;
        // the planner, each shard step, each update's event
        double invocations = 1 + hour.steps() + hour.updates();
        double gbSeconds = (hour.sweepSeconds() + hour.updates() * hour.updatedEventSeconds()) * gb;
        // a sweep reads its pools' records a page at a time (BatchGetItem, strongly consistent: one
        // unit per record up to 4 KB); an Updated event reads its pool's. An updated pool costs two
        // conditional writes and the clearing of its outbox, each of a record carrying events:
        // counted as 2 KB, two write units; and it takes one of the run's updates (the template's
        // MaxUpdatesPerRun). The run's own record: opened (2 writes), read by the planner and by
        // each step (1 each), each step a transaction of two small items (2 units each), completed,
        // announced and closed (3 writes, 1 read).
        double readUnits = hour.pools() + hour.updates() + 2 + hour.steps();
        // and each event about a pool is kept in its history: one item of under 1 KB (the run's own
        // completion is not, one event in the hour's hundreds: counted all the same)
        double writeUnits = hour.updates() * (3 * 2.0 + 1) + 5 + 4.0 * hour.steps() + hour.eventsPublished()
                + hour.streams().decreases();
        // each step is sent (by the planner or the step before), received and deleted
        double sqsRequests = 3.0 * hour.steps();
        Map<String, Double> bill = new LinkedHashMap<>();
        bill.put("lambda_gb_seconds", gbSeconds * LAMBDA_ARM_GB_SECOND * HOURS_PER_MONTH * scale);
        bill.put("lambda_requests", invocations * LAMBDA_REQUEST * HOURS_PER_MONTH * scale);
        bill.put("dynamodb_reads", readUnits * DYNAMODB_READ_UNIT * HOURS_PER_MONTH * scale);
        bill.put("dynamodb_writes", writeUnits * DYNAMODB_WRITE_UNIT * HOURS_PER_MONTH * scale);
        bill.put("eventbridge_events", hour.eventsPublished() * EVENTBRIDGE_EVENT * HOURS_PER_MONTH * scale);
        bill.put("sqs_requests", sqsRequests * SQS_FIFO_REQUEST * HOURS_PER_MONTH * scale);
        bill.put("kinesis_video_calls", hour.streams().calls() * KINESIS_VIDEO_CONTROL_CALL * HOURS_PER_MONTH * scale);
        bill.replaceAll((item, usd) -> round(usd));
        return bill;
    }

    /** AWS Config evaluating 1,000 pools every hour, and recording each change the hour's drift makes. */
    static Map<String, Double> awsConfigPerThousandPoolsMonth(SteadyHour hour) {
        double evaluations = 1000 * HOURS_PER_MONTH;
        double evaluated = Math.min(evaluations, 100_000) * CONFIG_EVALUATION_FIRST_100K
                + Math.max(0, Math.min(evaluations, 500_000) - 100_000) * CONFIG_EVALUATION_NEXT_400K
                + Math.max(0, evaluations - 500_000) * CONFIG_EVALUATION_OVER_500K;
        double changes = hour.updates() * (1000.0 / hour.pools()) * HOURS_PER_MONTH;
        Map<String, Double> bill = new LinkedHashMap<>();
        bill.put("rule_evaluations", round(evaluated));
        bill.put("configuration_items", round(changes * CONFIG_ITEM));
        return bill;
    }

    static double total(Map<String, Double> bill) {
        return round(bill.values().stream().reduce(0.0, Double::sum));
    }

    private static double round(double usd) {
        return Math.round(usd * 10_000) / 10_000.0;
    }
}
