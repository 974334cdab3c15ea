package kvspoolguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kvspoolguard.core.pool.GovernedShards;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.core.pool.PoolRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a caller sends, the API's input reading either accepts it as valid or refuses it with a
 * 400 (or the documented 404 for an ungoverned region): never another exception, never a value
 * outside the contract.
 */
class ApiInputPropertiesTest {

    private final ApiInput input = new ApiInput(ShardScope.fixed(
            new GovernedShards(List.of("123456789012"), List.of("us-east-1", "eu-central-1"))));

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"dataRetentionInHours\"",
                "\"dryRun\"", "\"pools\"", "48", "-1", "0", "87600", "87601", "1.5", "1e3", "true", "null", "\"x\"",
                "\"sales-calls\"", " ", "\u0000", "\"arn:aws:chime:us-east-1:1:media-pipeline-kinesis-video-stream-pool/p\"");
        return Arbitraries.oneOf(fragments.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 2000)
    void aRetentionBody_isAValidValue_orA400(@ForAll("jsonish") String body) {
        Integer hours = outcome(() -> ApiInput.retentionHours(body, false), 400);
        if (hours != null) {
            assertThat(hours).isBetween(1, 87_600);
        }
    }

    @Property(tries = 2000)
    void anEnforcementBody_isValid_orA400_or404(@ForAll("jsonish") String body) {
        ApiInput.EnforcementRequest request = outcome(() -> input.enforcement(body, false), 400, 404);
        if (request != null && request.pools() != null) {
            assertThat(request.pools()).hasSizeBetween(1, 100);
        }
    }

    @Property(tries = 2000)
    void anIdentifier_isANameOrAGovernedArn_orA400_or404(@ForAll("identifiers") String identifier) {
        PoolRef ref = outcome(() -> input.pool(identifier, "identifier"), 400, 404);
        if (ref != null) {
            assertThat(ref.name()).matches("[0-9a-zA-Z._-]{1,128}");
            assertThat(ref.region()).isIn("us-east-1", "eu-central-1");
        }
    }

    @Provide
    Arbitrary<String> identifiers() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019._-/: ü%").ofMinLength(0).ofMaxLength(140);
        Arbitrary<String> arns = Arbitraries.of("us-east-1", "eu-central-1", "ap-south-1", "", "US-EAST-1")
                .flatMap(region -> names.map(n -> "arn:aws:chime:" + region + ":123456789012:"
                        + "media-pipeline-kinesis-video-stream-pool/" + n));
        return Arbitraries.oneOf(names, arns);
    }

    @Property(tries = 500)
    void aLimit_isWithinBounds_orA400(@ForAll("limits") String limit) {
        Integer value = outcome(() -> ApiInput.limit(Map.of("limit", limit)), 400);
        if (value != null) {
            assertThat(value).isBetween(1, 100);
        }
    }

    @Provide
    Arbitrary<String> limits() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-5, 200).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Property(tries = 200)
    void everyWholeNumberInRange_isAccepted(@ForAll @IntRange(min = 1, max = 87_600) int hours) {
        assertThat(ApiInput.retentionHours("{\"dataRetentionInHours\": " + hours + "}", false)).isEqualTo(hours);
    }

    /** The value read, or null when refused with one of the allowed statuses; anything else fails. */
    private static <T> T outcome(Supplier<T> reading, int... allowed) {
        try {
            return reading.get();
        } catch (ApiException e) {
            assertThat(allowed).contains(e.status());
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
            return null;
        }
    }
}
