package kvspoolguard.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionalWritesTest {

    @Test
    void anAttemptThatLost_isMadeAgain_untilOneWrites() {
        List<Integer> attempts = new ArrayList<>();

        String written = ConditionalWrites.retried("the record", "write it", attempt -> {
            attempts.add(attempt);
            return attempt < 2 ? Optional.empty() : Optional.of("written at " + attempt);
        });

        assertThat(written).isEqualTo("written at 2");
        assertThat(attempts).containsExactly(0, 1, 2);
    }

    @Test
    void aRecordThatKeepsChanging_failsAfterFiveAttempts_sayingWhatAndWhy() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> ConditionalWrites.retriedUntil("state of arn:p", "record it", attempt -> {
            attempts.add(attempt);
            return false;
        })).isInstanceOf(StateStoreException.class)
                .hasMessage("state of arn:p kept changing under 5 attempts to record it");
        assertThat(attempts).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aStoreThatFails_isNotRetriedHere() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> ConditionalWrites.retriedUntil("r", "write it", attempt -> {
            attempts.add(attempt);
            throw new StateStoreException("the table is unreachable", null);
        })).hasMessage("the table is unreachable");
        assertThat(attempts).containsExactly(0);
    }
}
