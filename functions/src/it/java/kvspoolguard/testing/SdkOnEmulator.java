package kvspoolguard.testing;

import kvspoolguard.local.chime.ChimePoolEmulatorExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points every Chime SDK client a test class builds at that class's emulator (and moto), and
 * forgets the emulator after. Register it after the emulator's extension ({@code @Order}).
 */
public final class SdkOnEmulator implements BeforeAllCallback, AfterAllCallback {

    private final ChimePoolEmulatorExtension chime;

    public SdkOnEmulator(ChimePoolEmulatorExtension chime) {
        this.chime = chime;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalAws.useChimeEmulator(chime.emulator().endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalAws.forgetChimeEmulator();
    }
}
