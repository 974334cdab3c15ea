package kvspoolguard.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as RFC 4180 writes it: rows ended by CRLF, a value with a comma, a quote or a line break quoted.
 * A cell a spreadsheet would take for a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return) is neutralised by a leading single quote, as OWASP's CSV
 * injection advice has it: a pool's name or a reason may start with one of them.
 */
public final class Csv {

    private Csv() {
    }

    /** One row of these values (null: empty), with its CRLF. */
    public static String row(List<String> values) {
        return values.stream().map(Csv::quoted).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String cell = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return cell.matches("(?s).*[,\"\r\n].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
