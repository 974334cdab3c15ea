package kvspoolguard.local.chime;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 glue: one emulator per test class, started before the class, reset (pools, faults,
 * counters) before each test, stopped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
 * }</pre>
 */
public final class ChimePoolEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final ChimePoolEmulator.Builder builder;
    private ChimePoolEmulator emulator;

    public ChimePoolEmulatorExtension() {
        this(ChimePoolEmulator.builder());
    }

    public ChimePoolEmulatorExtension(ChimePoolEmulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** The running emulator; available from the class's {@code @BeforeAll} methods on. */
    public ChimePoolEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator starts before the test class; use it from @BeforeAll on");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = builder.build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
        emulator = null;
    }
}
