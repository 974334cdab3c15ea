package kvspoolguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

    @Test
    void peak_isTheMostHeapInUseBeforeAnyCollection(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.004s][info][gc] Using Serial
                [1.201s][info][gc] GC(0) Pause Young (Allocation Failure) 69M->13M(247M) 5.123ms
                [2.402s][info][gc] GC(1) Pause Young (Allocation Failure) 83M->21M(247M) 6.001ms
                [3.010s][info][gc] GC(2) Pause Full (System.gc()) 40M->18M(247M) 20.5ms
                """);

        assertThat(GcLog.peakHeapMb(log)).isEqualTo(83.0);
    }

    @Test
    void noCollection_isZero(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, "[0.004s][info][gc] Using Serial\n");

        assertThat(GcLog.peakHeapMb(log)).isZero();
    }
}
