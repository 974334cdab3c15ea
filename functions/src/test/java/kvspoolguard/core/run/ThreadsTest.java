package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ThreadsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aRunsThreads_carryTheLogFieldsOfTheThreadThatStartedThem() throws Exception {
        MDC.put("function_request_id", "req-1");
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = Threads.virtual("t").newThread(() -> seen.set(MDC.get("function_request_id")));
        MDC.put("function_request_id", "req-2"); // fields are taken when the thread is made
        thread.start();
        thread.join();

        assertThat(seen.get()).isEqualTo("req-1");
        assertThat(thread.isVirtual()).isTrue();
    }

    @Test
    void workersOnTheRunsThreads_seeTheFields() {
        MDC.put("runId", "run-1");
        assertThat(Workers.map(List.of(1, 2, 3), 2, i -> MDC.get("runId"))).containsExactly("run-1", "run-1", "run-1");
    }
}
