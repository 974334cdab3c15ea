package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the enforcer is invoked with, parsing either yields a schedule or a pool state change
 * whose pool is a KVS pool ARN, or refuses it with a {@link MalformedEventException} that says why:
 * never another exception, never a half-read event.
 */
class EnforcerEventPropertiesTest {

    private static final List<String> SAMPLES = List.of("schedule.json", "pool-active.json", "pool-updated.json",
            "pool-deleted.json", "pool-permanent-failure.json");

    private static byte[] sample(String name) {
        try {
            return Files.readAllBytes(Path.of("..", "events", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Parsed, or refused as malformed; anything else thrown fails the property. */
    private static EnforcerEvent parseOrRefuse(byte[] input) {
        try {
            return EnforcerEvent.parse(input);
        } catch (MalformedEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static void wellFormedIfParsed(EnforcerEvent event) {
        if (event instanceof EnforcerEvent.PoolStateChange change) {
            assertThat(change.pool().arn()).contains(":media-pipeline-kinesis-video-stream-pool/");
            assertThat(change.change()).isNotBlank();
            assertThat(change.state().at()).isNotNull();
        }
        if (event != null) {
            assertThat(event.id()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void anyBytes_areParsedOrRefused(@ForAll byte[] input) {
        wellFormedIfParsed(parseOrRefuse(input));
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.of("null", "true", "0", "-1", "1.5e300", "\"\"", "\" \"", "\"x\"", "[]", "{}", "[null]",
                "{\"a\":1}", "\"arn:aws:chime:us-east-1:1:media-pipeline-kinesis-video-stream-pool/\"",
                "\"chime:MediaPipelineKinesisVideoStreamPool\"", "\"2026-13-40T99:00:00Z\"", "9223372036854775808");
    }

    /** Each sample with one of its fields (at any depth) replaced by another JSON value: every case. */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 4000)
    void samples_withAFieldReplaced_areParsedOrRefused(@ForAll("sampleNames") String name,
                                                       @ForAll @IntRange(min = 0, max = 40) int field,
                                                       @ForAll("jsonValues") String value) {
        String text = new String(sample(name), StandardCharsets.UTF_8);
        var fields = java.util.regex.Pattern.compile("(\"[A-Za-z-]+\"\\s*:\\s*)(\"[^\"]*\"|[-0-9.eE]+|true|false|null)")
                .matcher(text).results().toList();
        var target = fields.get(field % fields.size());
        String mutated = text.substring(0, target.start(2)) + value + text.substring(target.end(2));
        wellFormedIfParsed(parseOrRefuse(mutated.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> sampleNames() {
        return Arbitraries.of(SAMPLES);
    }

    /** Every strict prefix of every sample, not a random few. */
    @Example
    void everyTruncationOfASample_isRefused() {
        for (String name : SAMPLES) {
            // without trailing whitespace, so that every strict prefix ends before the object closes
            byte[] whole = new String(sample(name), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < whole.length; length++) {
                byte[] truncated = java.util.Arrays.copyOf(whole, length);
                assertThatThrownBy(() -> EnforcerEvent.parse(truncated)).as(name + " cut at " + truncated.length)
                        .isInstanceOf(MalformedEventException.class);
            }
        }
    }

    @Example
    void anOversizedEvent_isRefusedBeforeItIsParsed() {
        String schedule = new String(sample("schedule.json"), StandardCharsets.UTF_8);
        String padded = schedule.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(EnforcerEvent.MAX_BYTES) + "\",");
        assertThatThrownBy(() -> EnforcerEvent.parse(padded.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("over EventBridge's limit");
    }

    @Example
    void everySampleParses() {
        SAMPLES.forEach(name -> assertThat(EnforcerEvent.parse(sample(name))).as(name).isNotNull());
    }
}
