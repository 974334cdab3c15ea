package kvspoolguard.testing;

import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.ChimePoolEmulatorExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own Chime emulator (its extension: started once, reset before each test), with
 * every Chime SDK client the class builds pointed at it (and moto), and forgotten after.
 */
public final class SdkOnEmulator implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final ChimePoolEmulatorExtension chime;

    public SdkOnEmulator() {
        this(ChimePoolEmulator.builder());
    }

    /** An emulator built by {@code builder} (a fault seed, say). */
    public SdkOnEmulator(ChimePoolEmulator.Builder builder) {
        this.chime = new ChimePoolEmulatorExtension(builder);
    }

    public ChimePoolEmulator emulator() {
        return chime.emulator();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        chime.beforeAll(context);
        LocalAws.useChimeEmulator(chime.emulator().endpoint());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        chime.beforeEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalAws.forgetChimeEmulator();
        chime.afterAll(context);
    }
}
