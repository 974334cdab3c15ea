package kvspoolguard.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Functions for LocalFunctionTest, loaded by the runtime interface client from test-classes. */
public class TestHandlers {

    public void echo(InputStream in, OutputStream out) throws IOException {
        out.write(in.readAllBytes());
    }

    public void sleep(InputStream in, OutputStream out) throws InterruptedException {
        Thread.sleep(60_000);
    }

    public void exit(InputStream in, OutputStream out) {
        System.exit(3);
    }

    /** Kills the emulator that runs it, so that the invocation gets no answer at all. */
    public void killEmulator(InputStream in, OutputStream out) {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
    }

    public void fail(InputStream in, OutputStream out) {
        throw new IllegalStateException("refused on purpose");
    }
}
