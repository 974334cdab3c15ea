package kvspoolguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kvs-pool-guard validate-policy}, run as the launcher runs it: it accepts exactly the
 * documents the functions accept, and names each problem of the others at its place. The samples
 * are the functions' own (functions/src/test/resources/policy/samples.json).
 */
class ValidatePolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("..", "functions", "src", "test", "resources", "policy", "samples.json");

    @TempDir
    Path dir;

    /** A finished command line: its exit code and what it wrote. */
    record Ran(int status, String out, String err) {
    }

    static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KvsPoolGuard.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Ran(status, out.toString(), err.toString());
    }

    static List<JsonNode> samples() throws IOException {
        List<JsonNode> samples = new ArrayList<>();
        JSON.readTree(SAMPLES.toFile()).forEach(samples::add);
        return samples;
    }

    private static boolean functionsAccept(String document) {
        try {
            PolicyDocument.parse(document, "test", RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null));
            return true;
        } catch (InvalidPolicyException e) {
            return false;
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySample_isJudgedAsTheFunctionsJudgeIt_andEachProblemNamedAtItsPlace(JsonNode sample) throws IOException {
        String document = sample.path("document").asText();
        Path file = Files.writeString(dir.resolve("policy.json"), document);

        Ran ran = run("validate-policy", file.toString());

        assertThat(ran.status()).as(document + "\n" + ran.out()).isEqualTo(functionsAccept(document) ? 0 : 1);
        if (ran.status() == 0) {
            assertThat(ran.out()).isEqualTo(file + ": valid\n");
        }
        List<String> places = new ArrayList<>();
        Matcher line = Pattern.compile("^  (\\S+|\\(the document\\)): .+$", Pattern.MULTILINE).matcher(ran.out());
        while (line.find()) {
            places.add(line.group(1).equals("(the document)") ? "" : line.group(1));
        }
        List<String> expected = new ArrayList<>();
        sample.path("problems").forEach(p -> expected.add(p.asText()));
        assertThat(places).as(document + "\n" + ran.out()).containsAll(expected);
        assertThat(ran.out()).as("the count it gives").startsWith(file + ": " + (places.isEmpty() ? "valid"
                : places.size() + (places.size() == 1 ? " problem" : " problems")));
        assertThat(ran.err()).isEmpty();
    }

    @Test
    void thePolicyDocumentOfTheDocs_isValid() throws IOException {
        Matcher block = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "policy.md")));
        assertThat(block.find()).isTrue();

        Ran ran = run("validate-policy", Files.writeString(dir.resolve("page.json"), block.group(1)).toString());

        assertThat(ran.status()).as(ran.out()).isZero();
    }

    @Test
    void aFileThatIsNotThere_isAnError_withAOneLineReason() {
        Ran ran = run("validate-policy", dir.resolve("absent.json").toString());

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).isEqualTo("kvs-pool-guard: no such file: " + dir.resolve("absent.json") + "\n");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void aFolderInsteadOfAFile_isAnError() {
        Ran ran = run("validate-policy", dir.toString());

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).startsWith("kvs-pool-guard: cannot read " + dir).hasLineCount(1);
    }

    @Test
    void aWrongOption_orNoFile_isAnError_withTheUsage() {
        assertThat(run("validate-policy").status()).isEqualTo(2);
        assertThat(run("--bogus").status()).isEqualTo(2);
        assertThat(run("--bogus").err()).contains("Unknown option: '--bogus'").contains("Usage: kvs-pool-guard");
    }

    @Test
    void help_listsTheCommand_andTheExitCodes() {
        Ran ran = run("--help");

        assertThat(ran.status()).isZero();
        assertThat(ran.out()).contains("validate-policy").contains("Exit codes:").contains("2   an error");
    }
}
