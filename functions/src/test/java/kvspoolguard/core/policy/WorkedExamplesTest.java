package kvspoolguard.core.policy;

import static kvspoolguard.testing.Pools.JUDGING;
import static kvspoolguard.testing.Pools.NO_ORGANIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.testing.Pools;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.md, read as it is published: its policy document and both tables of worked examples
 * (the verdicts, and the refusals) are what the policy engine does. The test holds no copy of the
 * examples, so the page cannot drift from the code.
 */
class WorkedExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "policy.md");
    /** The region of a worked example whose table cell names none. */
    private static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern CHANGE = Pattern.compile("^change to (\\d+) \\((?:rule )?`([^`]+)`");
    private static final Pattern COMPLIANT = Pattern.compile("^compliant \\(`([^`]+)`");
    private static final Pattern DEFERRED = Pattern.compile("^deferred: .*owed a change to (\\d+)");

    @Test
    void everyWorkedExample_getsTheVerdictThePageGives() throws IOException {
        String page = Files.readString(PAGE);
        RetentionPolicy policy = PolicyDocument.parse(firstJsonBlock(page), "docs/policy.md", RetentionPolicy.defaultsOnly(Bounds.between(1, 2), null));
        List<List<String>> rows = table(page, "## Worked examples");

        assertThat(rows).as("worked examples in docs/policy.md").hasSizeGreaterThanOrEqualTo(9);
        for (List<String> row : rows) {
            Pool pool = pool(row.get(0), row.get(1), row.get(2));
            assertThat(describe(policy.verdictFor(pool, JUDGING))).as(String.join(" | ", row)).isEqualTo(expected(row.get(3)));
        }
    }

    @Test
    void everyInvalidDocumentOnThePage_isRefusedWithTheMessageThePageGives() throws IOException {
        List<List<String>> rows = table(Files.readString(PAGE), "Invalid documents and what they are told:");

        assertThat(rows).as("invalid documents in docs/policy.md").hasSizeGreaterThanOrEqualTo(4);
        for (List<String> row : rows) {
            assertThatThrownBy(() -> PolicyDocument.parse(code(row.get(0)), "docs", RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null)))
                    .as(row.get(0)).isInstanceOf(InvalidPolicyException.class).hasMessageContaining(code(row.get(1)));
        }
    }

    private static Pool pool(String nameCell, String retentionCell, String tagsCell) {
        String[] retention = retentionCell.split(",");
        PoolStatus status = retention.length > 1 ? PoolStatus.valueOf(code(retention[1].strip())) : PoolStatus.ACTIVE;
        String[] tagsAndRegion = tagsCell.split("/");
        String tag = tagsAndRegion[0].strip();
        Map<String, String> tags = tag.equals("—") ? Map.of() : Map.of(code(tag).split("=")[0], code(tag).split("=")[1]);
        String region = tagsAndRegion.length > 1 ? tagsAndRegion[1].strip() : DEFAULT_REGION;
        return Pools.pool(code(nameCell), Integer.parseInt(retention[0].strip()), status, tags, region);
    }

    /** The page's verdict text in the words {@link #describe} uses. */
    private static String expected(String verdict) {
        Matcher m;
        if ((m = CHANGE.matcher(verdict)).find()) {
            return "change " + m.group(1) + " " + m.group(2);
        }
        if ((m = COMPLIANT.matcher(verdict)).find()) {
            return "compliant " + m.group(1);
        }
        if ((m = DEFERRED.matcher(verdict)).find()) {
            return "deferred, owed " + m.group(1);
        }
        assertThat(verdict).as("a verdict this test can read").startsWith("exempt");
        return "exempt";
    }

    private static String describe(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Compliant c -> "compliant " + c.rule();
            case Verdict.Change c -> "change " + c.toHours() + " " + c.rule();
            case Verdict.Exempt e -> "exempt";
            case Verdict.Deferred d -> "deferred, owed " + d.wanted().toHours();
        };
    }

    private static String firstJsonBlock(String page) {
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a policy document in docs/policy.md").isTrue();
        return m.group(1);
    }

    /** The body rows of the first table after {@code heading}, each cell trimmed. */
    private static List<List<String>> table(String page, String heading) {
        int at = page.indexOf(heading);
        assertThat(at).as(heading + " in docs/policy.md").isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.substring(at).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                List<String> cells = List.of(line.substring(1, line.length() - 1).split(" \\| ")).stream()
                        .map(String::strip).toList();
                if (!cells.getFirst().startsWith("---")) {
                    rows.add(cells);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows.subList(1, rows.size()); // less the header
    }

    /** The text inside `backticks`, or the text itself. */
    private static String code(String cell) {
        String s = cell.strip();
        return s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
    }
}
