package kvspoolguard.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The deployment artifact of a function: its `sam build` folder zipped as `sam deploy` uploads it
 * (deflate, default level), in MiB, and the size it unpacks to.
 */
record PackageSize(String function, double zipMb, double unzippedMb) {

    static final double MIB = 1024 * 1024;

    static PackageSize of(Path buildDir, String function) {
        Path root = buildDir.resolve(function);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no built function at " + root + " (run sam build)");
        }
        CountingStream counted = new CountingStream();
        long unzipped = 0;
        try (Stream<Path> walk = Files.walk(root); ZipOutputStream zip = new ZipOutputStream(counted)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(root.relativize(file).toString()));
                unzipped += Files.copy(file, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageSize(function, counted.bytes / MIB, unzipped / MIB);
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
