package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A shard step as a message: read back as it was written, and every malformed part named. */
class ShardMessagesTest {

    private static final ShardStep STEP = ShardStep.builder().runId("run-1").trigger(Trigger.Kind.API).dryRun(true).shard(new Shard("123456789012", "eu-west-1")).build().next("page-2");

    @Test
    void aStep_isReadBackAsItWasWritten_inTheGroupOfItsShard_deduplicatedByRunShardAndStep() {
        assertThat(ShardMessages.parse(ShardMessages.body(STEP))).isEqualTo(STEP);
        assertThat(ShardMessages.group(STEP)).isEqualTo("123456789012-eu-west-1");
        assertThat(ShardMessages.deduplicationId(STEP)).isEqualTo("run-1-123456789012-eu-west-1-1");
        assertThat(ShardMessages.deduplicationId(STEP.next("page-3")))
                .isNotEqualTo(ShardMessages.deduplicationId(STEP));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{\"runId\"|not JSON",
        "an array|[]|not a JSON object",
        "no run|{\"trigger\":\"schedule\",\"dryRun\":false,\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":0}|runId",
        "unknown trigger|{\"runId\":\"r\",\"trigger\":\"cron\",\"dryRun\":false,\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":0}|trigger 'cron'",
        "dryRun a string|{\"runId\":\"r\",\"trigger\":\"schedule\",\"dryRun\":\"no\",\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":0}|dryRun",
        "step a fraction|{\"runId\":\"r\",\"trigger\":\"schedule\",\"dryRun\":false,\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":1.5}|step",
        "token a number|{\"runId\":\"r\",\"trigger\":\"schedule\",\"dryRun\":false,\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":1,\"pageToken\":7}|pageToken",
        "account not 12 digits|{\"runId\":\"r\",\"trigger\":\"schedule\",\"dryRun\":false,\"account\":\"12\",\"region\":\"us-east-1\",\"step\":0}|12 digits",
        "a first step with a token|{\"runId\":\"r\",\"trigger\":\"schedule\",\"dryRun\":false,\"account\":\"123456789012\",\"region\":\"us-east-1\",\"step\":0,\"pageToken\":\"p\"}|first step"})
    void aMalformedMessage_isRefused_namingWhatIsWrong(String kind, String body, String named) {
        assertThatThrownBy(() -> ShardMessages.parse(body)).as(kind).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }
}
