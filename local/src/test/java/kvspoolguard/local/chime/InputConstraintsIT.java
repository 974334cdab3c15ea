package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kvspoolguard.local.chime.model.EmulatedPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.Tag;

/** Every input constraint of the model, refused server-side with AWS's validation wording. */
class InputConstraintsIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient chime = EmulatorClients.noRetries(emulator);

    private static final String ARN_PREFIX = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/";

    @BeforeEach
    void seed() {
        emulator.seed(EmulatedPool.active("p", 24));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Arguments refused(String description, Consumer<ChimeSdkMediaPipelinesClient> call, String message) {
        return Arguments.of(description, call, message);
    }

    static Stream<Arguments> invalidRequests() {
        String longName = "n".repeat(129);
        return Stream.of(
                refused("pool name missing", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r
                        .streamConfiguration(s -> s.region("us-east-1"))),
                        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint:"
                                + " Member must not be null"),
                refused("pool name too long", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName(longName)
                        .streamConfiguration(s -> s.region("us-east-1"))),
                        "Value '" + longName + "' at 'poolName' failed to satisfy constraint:"
                                + " Member must have length less than or equal to 128"),
                refused("pool name pattern", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("!bad")
                        .streamConfiguration(s -> s.region("us-east-1"))),
                        "Value '!bad' at 'poolName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: ^[0-9a-zA-Z._-]+"),
                refused("stream configuration missing", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r
                        .poolName("x")), "Value null at 'streamConfiguration' failed to satisfy constraint"),
                refused("stream region missing", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("x")
                        .streamConfiguration(s -> s.dataRetentionInHours(1))),
                        "Value null at 'streamConfiguration.region' failed to satisfy constraint: Member must not be null"),
                refused("stream region pattern", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("x")
                        .streamConfiguration(s -> s.region("useast1"))),
                        "Member must satisfy regular expression pattern: ^([a-z]+-){2,}\\d+$"),
                refused("stream region too long", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("x")
                        .streamConfiguration(s -> s.region("us-" + "e".repeat(28) + "-1"))),
                        "Member must have length less than or equal to 32"),
                refused("create retention negative", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r
                        .poolName("x").streamConfiguration(s -> s.region("us-east-1").dataRetentionInHours(-1))),
                        "Value '-1' at 'streamConfiguration.dataRetentionInHours' failed to satisfy constraint:"
                                + " Member must have value greater than or equal to 0"),
                refused("update retention zero", c -> c.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p")
                        .streamConfiguration(s -> s.dataRetentionInHours(0))),
                        "Value '0' at 'streamConfiguration.dataRetentionInHours' failed to satisfy constraint:"
                                + " Member must have value greater than or equal to 1"),
                refused("client token too short, value not echoed", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r
                        .poolName("x").clientRequestToken("a").streamConfiguration(s -> s.region("us-east-1"))),
                        "Value at 'clientRequestToken' failed to satisfy constraint:"
                                + " Member must have length greater than or equal to 2"),
                refused("empty tag list", c -> c.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("x")
                        .streamConfiguration(s -> s.region("us-east-1")).tags(Collections.emptyList())),
                        "at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                refused("empty tag key", c -> c.tagResource(r -> r.resourceARN(ARN_PREFIX + "p").tags(tag("", "v"))),
                        "Value '' at 'tags.1.member.key' failed to satisfy constraint:"
                                + " Member must have length greater than or equal to 1"),
                refused("tag value too long", c -> c.tagResource(r -> r.resourceARN(ARN_PREFIX + "p")
                        .tags(tag("k", "v".repeat(257)))), "at 'tags.1.member.value' failed to satisfy constraint:"
                                + " Member must have length less than or equal to 256"),
                refused("too many tags", c -> c.tagResource(r -> r.resourceARN(ARN_PREFIX + "p")
                        .tags(IntStream.range(0, 201).mapToObj(i -> tag("k" + i, "v")).toList())),
                        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200"),
                refused("tags missing", c -> c.tagResource(r -> r.resourceARN(ARN_PREFIX + "p")),
                        "Value null at 'tags' failed to satisfy constraint: Member must not be null"),
                refused("resource ARN pattern", c -> c.listTagsForResource(r -> r.resourceARN("not-an-arn")),
                        "Value 'not-an-arn' at 'resourceARN' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern"),
                refused("resource ARN too long", c -> c.listTagsForResource(r -> r.resourceARN("arn" + "a".repeat(1010))),
                        "at 'resourceARN' failed to satisfy constraint: Member must have length less than or equal to 1011"),
                refused("untag keys empty", c -> c.untagResource(r -> r.resourceARN(ARN_PREFIX + "p")
                        .tagKeys(Collections.emptyList())), "at 'tagKeys' failed to satisfy constraint:"
                                + " Member must have length greater than or equal to 1"),
                refused("max results zero", c -> c.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(0)),
                        "Value '0' at 'maxResults' failed to satisfy constraint:"
                                + " Member must have value greater than or equal to 1"),
                refused("max results above 100", c -> c.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(101)),
                        "Value '101' at 'maxResults' failed to satisfy constraint:"
                                + " Member must have value less than or equal to 100"),
                refused("identifier too long", c -> c.getMediaPipelineKinesisVideoStreamPool(r -> r
                        .identifier("i".repeat(1025))), "at 'identifier' failed to satisfy constraint:"
                                + " Member must have length less than or equal to 1024"),
                refused("identifier blank", c -> c.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("   ")),
                        "Value '   ' at 'identifier' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: .*\\S.*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidInput_isBadRequest_namingTheConstraint(String description, Consumer<ChimeSdkMediaPipelinesClient> call,
                                                        String message) {
        assertThatThrownBy(() -> call.accept(chime))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
        assertThat(emulator.pools()).extracting(EmulatedPool::name).containsExactly("p");
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(24);
        assertThat(emulator.pools().getFirst().tags()).isEmpty();
    }

    @Test
    void everyViolation_isReportedInOneMessage() {
        assertThatThrownBy(() -> chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("!x")
                .streamConfiguration(s -> s.region("nowhere").dataRetentionInHours(-5))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("3 validation errors detected: Value ")
                .hasMessageContaining("Value '!x' at 'poolName'")
                .hasMessageContaining("; Value '-5' at 'streamConfiguration.dataRetentionInHours'")
                .hasMessageContaining("Value 'nowhere' at 'streamConfiguration.region'");
    }

    @Test
    void boundaryValues_areAccepted() {
        String name = "n".repeat(128);
        chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName(name).clientRequestToken("ab")
                .streamConfiguration(s -> s.region("ap-southeast-1").dataRetentionInHours(0))
                .tags(IntStream.range(0, 200).mapToObj(i -> tag("k" + i, "")).toList()));
        chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(1));
        chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(100));

        assertThat(emulator.pools()).extracting(EmulatedPool::name).contains(name);
    }
}
