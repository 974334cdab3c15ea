package kvspoolguard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShardWorkerHandlerTest {

    @Test
    void aFailedStep_waitsTheFirstRetry_thenTwiceAsLongEachTime_neverMoreThanFifteenMinutes() {
        Duration first = Duration.ofSeconds(10);

        assertThat(ShardWorkerHandler.retryAfter(first, 1)).hasSeconds(10);
        assertThat(ShardWorkerHandler.retryAfter(first, 2)).hasSeconds(20);
        assertThat(ShardWorkerHandler.retryAfter(first, 3)).hasSeconds(40);
        assertThat(ShardWorkerHandler.retryAfter(first, 0)).as("no count: as the first").hasSeconds(10);
        assertThat(ShardWorkerHandler.retryAfter(first, 1_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
