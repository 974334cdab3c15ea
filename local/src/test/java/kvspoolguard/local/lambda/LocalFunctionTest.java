package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A function in its own JVM under AWS's Runtime Interface Emulator and runtime interface client,
 * as the sam-built ones run locally: cold and warm starts, errors, timeouts and crashes, as RIE
 * answers and logs them.
 */
class LocalFunctionTest {


    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void echo_coldThenWarm_reportsInitDurationOnTheColdStartOnly() {
        try (LocalFunction f = function("echo", 10)) {
            LocalFunction.Invocation first = f.invoke(bytes("{\"n\":1}"));
            LocalFunction.Invocation second = f.invoke(bytes("{\"n\":2}"));

            assertThat(first.failed()).as(String.join("\n", log)).isFalse();
            assertThat(first.payloadText()).isEqualTo("{\"n\":1}");
            assertThat(second.payloadText()).isEqualTo("{\"n\":2}");
            assertThat(first.report().initDurationMs()).isPositive();
            assertThat(second.report().initDurationMs()).isNull();
            // RIE's own lines, as Lambda writes them
            assertThat(log).contains("START RequestId: " + first.requestId() + " Version: $LATEST",
                    "END RequestId: " + first.requestId());
            assertThat(log).anyMatch(line -> line.startsWith("REPORT RequestId: " + first.requestId() + "\t"));
            assertThat(log).anyMatch(line -> line.contains("(rapid) INIT REPORT(durationMs: "));
        }
    }

    /**
     * Runtimes starting at the same moment, as a queue's pollers start them: each loads the runtime
     * interface client's JNI library from a copy of its own (one shared copy, rewritten by each
     * start, killed a starting runtime with SIGBUS).
     */
    @Test
    void runtimesStartingTogether_allAnswer() throws Exception {
        List<LocalFunction> functions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            functions.add(function("echo", 10));
        }
        try (var starts = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<LocalFunction.Invocation>> answers = new ArrayList<>();
            for (LocalFunction f : functions) {
                answers.add(starts.submit(() -> f.invoke(bytes("{\"n\":1}"))));
            }
            for (var answer : answers) {
                assertThat(answer.get().failed()).as(String.join("\n", log)).isFalse();
            }
        } finally {
            functions.forEach(LocalFunction::close);
        }
        assertThat(log).noneMatch(line -> line.contains("SIGBUS"));
    }

    @Test
    void aThrowingHandler_answersLambdasErrorDocument_andStaysWarm() throws Exception {
        try (LocalFunction f = function("fail", 10)) {
            LocalFunction.Invocation failed = f.invoke(bytes("{}"));
            LocalFunction.Invocation again = f.invoke(bytes("{}"));

            // RIE answers 200 with the client's error document, which names the exception
            assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
            var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(failed.payload());
            assertThat(document.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(document.path("errorMessage").asText()).isEqualTo("refused on purpose");
            assertThat(again.failed()).isTrue();
            assertThat(again.report().initDurationMs()).isNull();
        }
    }

    @Test
    void anAnswerShapedLikeAnErrorDocumentButWithMoreFields_isAnAnswer() {
        try (LocalFunction f = function("echo", 10)) {
            LocalFunction.Invocation answered = f.invoke(bytes("{\"errorMessage\":\"m\",\"errorType\":\"t\",\"n\":1}"));

            assertThat(answered.failed()).isFalse();
        }
    }

    @Test
    void aTimeout_endsTheRuntime_andTheNextInvocationStartsCold() {
        try (LocalFunction f = function("sleep", 1)) {
            LocalFunction.Invocation timedOut = f.invoke(bytes("{}"));
            LocalFunction.Invocation next = f.invoke(bytes("{}")); // times out too, after a cold start

            assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(timedOut.payloadText()).contains("Task timed out after 1.00 seconds");
            // RIE measures from its own mark, a little after the deadline's: 897 ms was seen for 1 s
            assertThat(timedOut.report().durationMs()).isBetween(500.0, 5_000.0);
            assertThat(next.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(next.report().initDurationMs()).isNotNull();
        }
    }

    /** A runtime that exits, and an RIE that dies: each answered as such, then a fresh start. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"exit, Runtime.ExitError, exit status 3", "killEmulator, Runtime.Unknown, RIE gave no answer"})
    void aProcessThatEnds_isReportedWithItsErrorType_andTheNextInvocationStartsCold(String method, String errorType,
                                                                                      String message) {
        try (LocalFunction f = function(method, 10)) {
            LocalFunction.Invocation ended = f.invoke(bytes("{}"));
            LocalFunction.Invocation next = f.invoke(bytes("{}"));

            assertThat(ended.errorType()).isEqualTo(errorType);
            assertThat(ended.payloadText()).contains(message);
            assertThat(next.errorType()).isEqualTo(errorType);
            assertThat(next.report().initDurationMs()).isNotNull();
        }
    }

    private LocalFunction function(String method, int timeoutSeconds) {
        return TestFunctions.of(method, timeoutSeconds, log::add);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
