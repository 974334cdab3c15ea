package kvspoolguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kvspoolguard.core.PoolVerdicts.Judged;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.report.Csv;

/** A report's pools as a table for people, CSV for spreadsheets, JSON for programs; one row per pool, in order. */
final class ReportFormats {

    static final List<String> COLUMNS = List.of("account", "region", "pool", "status", "retention_hours", "rule",
            "verdict", "required_hours", "reason", "arn");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormats() {
    }

    /** True when the pool needs nothing: compliant, or exempt. */
    static boolean inPolicy(Judged judged) {
        return judged.verdict() instanceof Verdict.Compliant || judged.verdict() instanceof Verdict.Exempt;
    }

    /** A pool's row, by column. */
    static Map<String, String> row(Judged judged) {
        Map<String, String> row = new LinkedHashMap<>();
        PoolRef ref = PoolRef.fromArn(judged.pool().arn());
        row.put("account", ref.account());
        row.put("region", ref.region());
        row.put("pool", judged.pool().name());
        row.put("status", judged.pool().status().name());
        row.put("retention_hours", text(judged.pool().retentionHours()));
        Verdict verdict = judged.verdict();
        row.put("rule", switch (verdict) {
            case Verdict.Compliant c -> c.rule();
            case Verdict.Change c -> c.rule();
            case Verdict.Exempt e -> "";
            case Verdict.Deferred d -> d.wanted().rule();
        });
        row.put("verdict", switch (verdict) {
            case Verdict.Compliant c -> "compliant";
            case Verdict.Change c -> "change";
            case Verdict.Exempt e -> "exempt";
            case Verdict.Deferred d -> "deferred";
        });
        row.put("required_hours", text(switch (verdict) {
            case Verdict.Compliant c -> judged.pool().retentionHours();
            case Verdict.Change c -> c.toHours();
            case Verdict.Exempt e -> null;
            case Verdict.Deferred d -> d.wanted().toHours();
        }));
        row.put("reason", switch (verdict) {
            case Verdict.Compliant c -> "";
            case Verdict.Change c -> "";
            case Verdict.Exempt e -> e.reason();
            case Verdict.Deferred d -> d.reason();
        });
        row.put("arn", judged.pool().arn());
        return row;
    }

    static void table(List<Judged> pools, PrintWriter out) {
        List<String> shown = COLUMNS.subList(0, COLUMNS.size() - 1); // the ARN says what the first columns say
        List<Map<String, String>> rows = sorted(pools).stream().map(ReportFormats::dashed).toList();
        Map<String, Integer> width = new LinkedHashMap<>();
        for (String column : shown) {
            width.put(column, rows.stream().mapToInt(r -> r.get(column).length()).max().orElse(0));
            width.merge(column, column.length(), Math::max);
        }
        out.println(shown.stream().map(c -> pad(c.toUpperCase(java.util.Locale.ROOT), width.get(c)))
                .collect(Collectors.joining("  ")).stripTrailing());
        for (Map<String, String> row : rows) {
            out.println(shown.stream().map(c -> pad(row.get(c), width.get(c))).collect(Collectors.joining("  "))
                    .stripTrailing());
        }
        long outside = pools.stream().filter(p -> !inPolicy(p)).count();
        out.println(pools.size() + " pools: " + (pools.size() - outside) + " in policy, " + outside + " not");
    }

    static void csv(List<Judged> pools, PrintWriter out) {
        out.print(Csv.row(COLUMNS));
        for (Map<String, String> row : sorted(pools)) {
            out.print(Csv.row(COLUMNS.stream().map(row::get).toList()));
        }
    }

    static void json(List<Judged> pools, PrintWriter out) {
        ArrayNode array = JSON.createArrayNode();
        for (Map<String, String> row : sorted(pools)) {
            ObjectNode node = array.addObject();
            row.forEach((column, value) -> {
                if (column.endsWith("_hours")) {
                    if (value.isEmpty()) {
                        node.putNull(column);
                    } else {
                        node.put(column, Integer.parseInt(value));
                    }
                } else {
                    node.put(column, value.isEmpty() ? null : value);
                }
            });
        }
        try {
            out.println(JSON.writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table's row: an empty cell shows as "-", so that the columns stay apart for the eye and for awk. */
    private static Map<String, String> dashed(Map<String, String> row) {
        Map<String, String> shown = new LinkedHashMap<>(row);
        shown.replaceAll((column, value) -> value.isEmpty() ? "-" : value);
        return shown;
    }

    private static List<Map<String, String>> sorted(List<Judged> pools) {
        List<Map<String, String>> rows = new ArrayList<>(pools.stream().map(ReportFormats::row).toList());
        rows.sort(Comparator.<Map<String, String>, String>comparing(r -> r.get("account"))
                .thenComparing(r -> r.get("region")).thenComparing(r -> r.get("pool")));
        return rows;
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }
}
