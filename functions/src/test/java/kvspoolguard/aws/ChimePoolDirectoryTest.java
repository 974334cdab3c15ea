package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kvspoolguard.core.pool.PoolDirectoryException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ChimeSdkMediaPipelinesException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ForbiddenException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceFailureException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceUnavailableException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ThrottledClientException;

/** Every SDK failure the adapter can meet becomes the domain kind the run acts on. */
class ChimePoolDirectoryTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(NotFoundException.builder().build(), Kind.NOT_FOUND),
                Arguments.of(ConflictException.builder().build(), Kind.CONFLICT),
                Arguments.of(ThrottledClientException.builder().build(), Kind.THROTTLED),
                Arguments.of(ServiceUnavailableException.builder().build(), Kind.UNAVAILABLE),
                Arguments.of(ServiceFailureException.builder().build(), Kind.UNAVAILABLE),
                Arguments.of(SdkClientException.create("connection refused"), Kind.UNAVAILABLE),
                Arguments.of(BadRequestException.builder().build(), Kind.INVALID_REQUEST),
                Arguments.of(ForbiddenException.builder().build(), Kind.REJECTED),
                Arguments.of(ChimeSdkMediaPipelinesException.builder().statusCode(409).build(), Kind.REJECTED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void kindOf_mapsEverySdkFailure(SdkException failure, Kind expected) {
        assertThat(ChimePoolDirectory.kindOf(failure)).isEqualTo(expected);
    }
}
