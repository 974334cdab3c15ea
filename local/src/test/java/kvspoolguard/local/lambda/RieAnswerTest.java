package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import kvspoolguard.local.lambda.RieAnswer.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each of RIE's answers means (bodies as RIE sent them here). */
class RieAnswerTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            200 | {"statusCode":200,"body":"{}"}                                             | ANSWERED  | -
            200 | {"errorMessage":"no id","errorType":"x.MalformedEventException","stackTrace":[]} | FAILED | x.MalformedEventException
            200 | {"errorMessage":"m","errorType":"t","cause":{}}                               | FAILED    | t
            200 | {"errorMessage":"m","errorType":"t","n":1}                                    | ANSWERED  | -
            200 | {"errorMessage":"m"}                                                          | ANSWERED  | -
            200 | ["errorMessage","errorType"]                                                  | ANSWERED  | -
            200 | Task timed out after 2.00 seconds                                             | TIMED_OUT | Sandbox.Timedout
            200 | not json                                                                      | ANSWERED  | -
            502 | {"errorType":"Runtime.ExitError","errorMessage":"exit status 3"}              | EXITED    | Runtime.ExitError
            502 | gateway                                                                       | EXITED    | Runtime.Unknown
            400 | -                                                                             | FAILED    | Runtime.Unknown
            """)
    void answer_meansWhatRieMeantByIt(int status, String body, Outcome outcome, String errorType) {
        RieAnswer answer = new RieAnswer(status, (body == null ? "" : body).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.outcome()).isEqualTo(outcome);
        assertThat(answer.errorType()).isEqualTo(errorType);
    }

    @ParameterizedTest
    @CsvSource({"Runtime.Unknown, RIE gave no answer", "Runtime.Interrupted, the invocation was interrupted"})
    void none_isAFailureWithoutARuntime(String type, String message) {
        RieAnswer answer = RieAnswer.none(type, message);

        assertThat(answer.outcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(answer.outcome().endedTheRuntime()).isTrue();
        assertThat(answer.errorType()).isEqualTo(type);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains(message);
    }
}
