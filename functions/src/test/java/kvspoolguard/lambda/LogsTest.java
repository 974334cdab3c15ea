package kvspoolguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogsTest {

    @Test
    void theFirstInvocation_isTheColdStart_onEveryLineItLogs_andNoOtherIs() {
        Logs.ColdStart coldStart = new Logs.ColdStart();

        assertThat(coldStart.of("req-1")).isTrue();
        assertThat(coldStart.of("req-1")).as("the worker opens the fields once per message").isTrue();
        assertThat(coldStart.of("req-2")).isFalse();
        assertThat(coldStart.of("req-1")).isTrue();
    }
}
