package kvspoolguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatRfc4180Quotes_andLeavesTheRestAsItIs() {
        assertThat(Csv.row(Arrays.asList("plain", null, "a,b", "say \"hi\"", "two\nlines", "72")))
                .isEqualTo("plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",72\r\n");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormula_startsWithAQuote() {
        assertThat(Csv.row(List.of("=HYPERLINK(\"http://x\")", "+1", "-rec", "@SUM(A1)", "\tx", "\rx", "a=b")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-rec,'@SUM(A1),'\tx,\"'\rx\",a=b\r\n");
    }

    @Test
    void anEmptyCell_staysEmpty() {
        assertThat(Csv.row(List.of("", "x"))).isEqualTo(",x\r\n");
    }
}
