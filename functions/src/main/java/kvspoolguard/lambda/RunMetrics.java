package kvspoolguard.lambda;

import java.util.Locale;

import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.TriggerResult;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The enforcer's and the shard workers' CloudWatch metrics, written as Embedded Metric Format log
 * lines by Powertools (namespace from POWERTOOLS_METRICS_NAMESPACE, default KvsPoolGuard; service dimension from
 * POWERTOOLS_SERVICE_NAME). docs/configuration.md lists them; the template's alarms watch some.
 */
public final class RunMetrics {

    static final String DEFAULT_NAMESPACE = "KvsPoolGuard";

    private final Metrics metrics;

    public RunMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    public static RunMetrics powertools() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace(DEFAULT_NAMESPACE);
        }
        return new RunMetrics(metrics);
    }

    public void record(TriggerResult result) {
        if (result.report() != null) {
            metrics.addMetric("PoolsEvaluated", result.report().outcomes().size(), MetricUnit.COUNT);
            result.report().counts().forEach((kind, n) -> metrics.addMetric(name(kind), n, MetricUnit.COUNT));
            metrics.addMetric("ShardsFailed", result.report().failedShards().size(), MetricUnit.COUNT);
        }
        if (!result.queued().isEmpty()) {
            metrics.addMetric("ShardsQueued", result.queued().size(), MetricUnit.COUNT);
        }
        metrics.addMetric("PolicyInvalid", result.problem() instanceof Problem.PolicyInvalid ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("PolicyUnavailable", result.problem() instanceof Problem.PolicyUnavailable ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("PolicyDenied", result.problem() instanceof Problem.PolicyUnreadable u && u.denied() ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("PolicyStale", result.problem() instanceof Problem.PolicyUnreadable u && !u.denied() ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("UngovernedEvents", result.problem() instanceof Problem.Ungoverned ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("UnrequestedRuns", result.problem() instanceof Problem.RunNotRequested ? 1 : 0,
                MetricUnit.COUNT);
        metrics.addMetric("EventsPublished", result.published().size(), MetricUnit.COUNT);
        metrics.addMetric("EventsUnpublished", result.unpublished().size(), MetricUnit.COUNT);
        metrics.addMetric("StateErrors", result.stateErrors().size(), MetricUnit.COUNT);
        metrics.flush();
    }

    public void malformedEvent() {
        metrics.addMetric("MalformedEvents", 1, MetricUnit.COUNT);
        metrics.flush();
    }

    /** COMPLIANT → PoolsCompliant, CAP_REACHED → PoolsCapReached. */
    static String name(PoolOutcome.Kind kind) {
        StringBuilder name = new StringBuilder("Pools");
        for (String word : kind.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
