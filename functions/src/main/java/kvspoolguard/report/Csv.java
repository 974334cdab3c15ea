package kvspoolguard.report;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as RFC 4180 writes it: rows ended by CRLF, a value with a comma, a quote or a line break quoted. */
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
        return value.matches("(?s).*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
