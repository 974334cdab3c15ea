package kvspoolguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the heap in use from a JVM's {@code -Xlog:gc} file. */
final class GcLog {

    /** "Pause Young (Allocation Failure) 69M->13M(247M) 5.1ms": used before -> after (committed). */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private GcLog() {
    }

    /** The most heap in use at any collection (its "before"), in MB; 0 when no collection ran. */
    static double peakHeapMb(Path log) {
        try {
            double peak = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Double.parseDouble(m.group(1)));
                }
            }
            return peak;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + log, e);
        }
    }
}
