package kvspoolguard.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolConfiguration;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolSummary;

/**
 * The obvious way to enforce retention, as AWS's documentation examples call the API: a client
 * with the SDK's defaults, then list every pool, get each, update those outside
 * [MIN_RETENTION_HOURS, MAX_RETENTION_HOURS], one call after the other.
 */
public final class NaiveSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ChimeSdkMediaPipelinesClient CHIME = ChimeSdkMediaPipelinesClient.create();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        int min = Integer.parseInt(System.getenv().getOrDefault("MIN_RETENTION_HOURS", "24"));
        int max = Integer.parseInt(System.getenv().getOrDefault("MAX_RETENTION_HOURS", "720"));
        int pools = 0;
        int updated = 0;
        for (var page : CHIME.listMediaPipelineKinesisVideoStreamPoolsPaginator(r -> { })) {
            for (KinesisVideoStreamPoolSummary summary : page.kinesisVideoStreamPools()) {
                pools++;
                KinesisVideoStreamPoolConfiguration pool = CHIME.getMediaPipelineKinesisVideoStreamPool(
                        r -> r.identifier(summary.poolArn())).kinesisVideoStreamPoolConfiguration();
                Integer hours = pool.streamConfiguration().dataRetentionInHours();
                if (!"ACTIVE".equals(pool.poolStatusAsString()) || hours == null || hours >= min && hours <= max) {
                    continue;
                }
                int target = hours < min ? min : max;
                CHIME.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(summary.poolArn())
                        .streamConfiguration(c -> c.dataRetentionInHours(target)));
                updated++;
            }
        }
        return Map.of("pools", pools, "updated", updated);
    }
}
