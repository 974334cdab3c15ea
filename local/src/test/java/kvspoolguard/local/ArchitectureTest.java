package kvspoolguard.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The local module's packages depend one way; the emulator's public face sits on its internals, not beside them. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("kvspoolguard.local");

    @Test
    void packages_haveNoCycles() {
        slices().matching("kvspoolguard.local.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theEmulatorsInternals_neverReachItsPublicFace() {
        noClasses().that().resideInAnyPackage("kvspoolguard.local.chime.internal..", "kvspoolguard.local.chime.model..")
                .should().dependOnClassesThat().resideInAPackage("kvspoolguard.local.chime")
                .check(CLASSES);
    }

    @Test
    void theEmulatorsModel_dependsOnNothingElseOfIt() {
        noClasses().that().resideInAPackage("kvspoolguard.local.chime.model..")
                .should().dependOnClassesThat().resideInAPackage("kvspoolguard.local.chime.internal..")
                .check(CLASSES);
    }
}
