package kvspoolguard.enforcer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.CallRecords;
import kvspoolguard.core.Jurisdiction;
import kvspoolguard.core.Ports;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.lambda.Invocations;
import kvspoolguard.lambda.Logs;
import kvspoolguard.lambda.Priming;
import kvspoolguard.lambda.RunMetrics;
import kvspoolguard.report.TriggerLog;
import kvspoolguard.report.TriggerSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RetentionEnforcerFunction: the schedule plans a sweep of every pool (each governed shard's first
 * step queued for the shard workers), a run named after the schedule and the time it was due; an
 * aws.chime state change enforces
 * (Active, Updated), records a deletion (Deleted) or reports a failure (the others); CloudTrail's
 * record of someone's change of a pool's stream judges the pool and corrects its streams at once. The answer is
 * the run's summary. The invocation fails, so that Lambda retries it and then hands it to the
 * dead-letter queue, when the event is malformed, when the shards to sweep cannot be said (after
 * the SDK's retries) or when something was left undone (events not published, state not recorded,
 * the policy unreadable); one pool's failure is only that pool's outcome, and one shard's listing
 * failure only that shard's (the next run tries it again). An invalid policy fails closed without
 * failing the invocation, since retrying cannot fix it.
 */
public final class RetentionEnforcerHandler implements RequestStreamHandler {

    /** Built once per execution environment, during init: before the snapshot when SnapStart is on. */
    private static final class FromEnvironment {
        static final GuardConfig CONFIG = GuardConfig.fromEnvironment(System.getenv());
        static final Ports PORTS = AwsPorts.of(CONFIG, Clock.systemUTC());

        static {
            Priming.register("RetentionEnforcerFunction", CONFIG, () -> EnforcerEvent.parse(PRIMING_EVENT));
        }
    }

    /** Its most frequent event, as priming parses it: a pool state change. */
    static final byte[] PRIMING_EVENT = """
            {"version": "0", "id": "00000000-0000-0000-0000-000000000000", "source": "aws.chime",
             "detail-type": "Chime Media Pipeline Kinesis Video Pool State Change", "account": "123456789012",
             "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {"eventType": "chime:MediaPipelineKinesisVideoStreamPoolUpdated",
              "poolArn": "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/primed",
              "timestamp": 1767225600000, "mediaRegion": "us-east-1"}}""".getBytes(StandardCharsets.UTF_8);

    private static final Logger LOG = LoggerFactory.getLogger(RetentionEnforcerHandler.class);

    private final GuardConfig config;
    private final RetentionGuard guard;
    private final Jurisdiction jurisdiction;
    private final CallRecords calls;
    private final RunMetrics metrics;

    public RetentionEnforcerHandler() {
        this(FromEnvironment.CONFIG, FromEnvironment.PORTS, RunMetrics.powertools());
    }

    /** Its use cases over {@code ports}, as {@code config} sets them up. */
    RetentionEnforcerHandler(GuardConfig config, Ports ports, RunMetrics metrics) {
        this.config = config;
        this.guard = new RetentionGuard(ports, config.maxConcurrency(), Clock.systemUTC());
        this.jurisdiction = new Jurisdiction(ports.fleet().pools(), config.sessions());
        this.calls = new CallRecords(jurisdiction, ports.recording(), Clock.systemUTC());
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Logs.open(context);
        try {
            handle(input, output, context);
        } finally {
            Logs.close();
        }
    }

    private void handle(InputStream input, OutputStream output, Context context) throws IOException {
        EnforcerEvent event;
        try {
            event = EnforcerEvent.parse(input.readAllBytes());
        } catch (MalformedEventException e) {
            metrics.malformedEvent();
            LOG.error("malformed event, not handled: {}", e.getMessage());
            throw e;
        }
        // the run is named after the event, or after the request that asked for it
        Logs.correlate(switch (event) {
            case EnforcerEvent.EnforcementRequested r -> r.runId();
            case EnforcerEvent.Scheduled s -> s.runId();
            default -> event.id();
        }, true);
        if (event instanceof EnforcerEvent.PoolStateChange change) {
            Logs.pool(change.pool());
        }
        if (event instanceof EnforcerEvent.PoolApiCall call) {
            Logs.pool(call.call().pool());
        }
        if (event instanceof EnforcerEvent.StreamApiCall call) {
            call.call().pool().ifPresent(Logs::pool);
        }
        TriggerResult result = handle(event, Invocations.timeLeft(context));
        metrics.record(result);
        ObjectNode summary = TriggerSummary.of(result);
        TriggerLog.run(result, summary, result.leftUndone());
        output.write(summary.toString().getBytes(StandardCharsets.UTF_8));
        if (result.worthRetrying()) {
            throw new IncompleteRunException("run " + result.trigger().id() + " left work undone (see its summary): "
                    + summary.path("policyProblem").asText("") + " unpublished events "
                    + result.unpublished().size() + ", state errors " + result.stateErrors().size()
                    + ", pools to retry " + result.poolsToRetry().size());
        }
    }

    private TriggerResult handle(EnforcerEvent event, Duration timeLeft) {
        return switch (event) {
            case EnforcerEvent.Scheduled s -> guard.plan(new Trigger(Trigger.Kind.SCHEDULE, s.runId(), timeLeft),
                    options(s.runId()));
            case EnforcerEvent.PoolStateChange c -> poolStateChange(c, timeLeft);
            case EnforcerEvent.EnforcementRequested r -> requested(r, timeLeft);
            case EnforcerEvent.PoolApiCall c -> calls.record(c.call(), new Trigger(Trigger.Kind.API_CALL, c.id(), timeLeft));
            case EnforcerEvent.StreamApiCall c -> streamCall(c, timeLeft);
            case EnforcerEvent.FailedApiCall f -> failedCall(f, timeLeft);
            case EnforcerEvent.OtherResourceCalled t -> otherResource(t, timeLeft);
        };
    }

    /** A call on a resource that is not a pool nor a pool's stream: none of the guard's business. */
    private TriggerResult otherResource(EnforcerEvent.OtherResourceCalled tagged, Duration timeLeft) {
        LOG.debug("{} of {} (CloudTrail event {}) is not of a pool; ignored", tagged.eventName(),
                tagged.resourceArn(), tagged.callId());
        return TriggerResult.noChange(new Trigger(Trigger.Kind.API_CALL, tagged.id(), timeLeft));
    }

    /**
     * Someone changed a pool's stream directly: its pool is judged and its streams read at once,
     * unless the call was the guard's own or the media pipelines service's.
     */
    private TriggerResult streamCall(EnforcerEvent.StreamApiCall call, Duration timeLeft) {
        Trigger trigger = new Trigger(Trigger.Kind.API_CALL, call.id(), timeLeft);
        return jurisdiction.refuses(call.call()).map(problem -> TriggerResult.refused(trigger, problem))
                .orElseGet(() -> guard.streamCalled(call.call(), trigger, options(call.id())));
    }

    /** A call that failed changed nothing: said, and no more (its caller is not logged). */
    private TriggerResult failedCall(EnforcerEvent.FailedApiCall failed, Duration timeLeft) {
        LOG.info("a failed {} (errorCode {}, CloudTrail event {}) changed nothing; not recorded",
                failed.eventName(), failed.errorCode(), failed.callId());
        return TriggerResult.noChange(new Trigger(Trigger.Kind.API_CALL, failed.id(), timeLeft));
    }

    /** A run an API caller asked for: named after the request, as its events and record are. */
    private TriggerResult requested(EnforcerEvent.EnforcementRequested request, Duration timeLeft) {
        Trigger trigger = new Trigger(Trigger.Kind.API, request.runId(), timeLeft);
        RunOptions options = config.runOptions(request.runId(), request.dryRun());
        return guard.requested(request.pools(), trigger, options);
    }

    private TriggerResult poolStateChange(EnforcerEvent.PoolStateChange change, Duration timeLeft) {
        return guard.stateChanged(change.state(), new Trigger(Trigger.Kind.POOL_STATE_CHANGE, change.id(), timeLeft),
                options(change.id()));
    }

    private RunOptions options(String runId) {
        return config.runOptions(runId, false);
    }
}
