package kvspoolguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kvspoolguard.core.events.EventDetail;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled classes: the core is AWS- and
 * Lambda-free and cycle-free, its topics depend one way, and the handlers reach it only through
 * its use cases.
 */
class ArchitectureTest {

    private static final String THREADS = "kvspoolguard.core.run.Threads";

    private static final String[] HANDLERS = {"kvspoolguard.api..", "kvspoolguard.enforcer..", "kvspoolguard.worker..",
        "kvspoolguard.report..", "kvspoolguard.lambda.."};
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("kvspoolguard.core", "kvspoolguard.api", "kvspoolguard.aws", "kvspoolguard.config",
                    "kvspoolguard.enforcer", "kvspoolguard.worker", "kvspoolguard.lambda", "kvspoolguard.report",
                    "kvspoolguard.json");

    /**
     * What a run takes and gives, which a handler may use (with the builders written for them); the
     * rest of {@code run} is how a run works.
     */
    private static final Set<String> RUN_VALUES = Set.of("Trigger", "TriggerResult", "RunOptions", "RunReport",
            "PoolOutcome", "StreamOutcome", "Problem", "UpdateCap", "ShardFailure", "RunRecord", "ShardStep");
    private static final DescribedPredicate<JavaClass> RUN_MACHINERY = DescribedPredicate.describe(
            "are the machinery of a run", c -> c.getPackageName().equals("kvspoolguard.core.run")
                    && !RUN_VALUES.contains(outermost(c).getSimpleName().replaceFirst("Builder$", "")));

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void theCore_usesNoAwsOrLambdaType_andNoAdapterOrHandler() {
        noClasses().that().resideInAPackage("kvspoolguard.core..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .orShould().dependOnClassesThat().resideInAnyPackage("kvspoolguard.api..", "kvspoolguard.aws..",
                        "kvspoolguard.config..", "kvspoolguard.enforcer..", "kvspoolguard.worker..", "kvspoolguard.lambda..",
                        "kvspoolguard.report..")
                .check(CLASSES);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("kvspoolguard.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theTopics_neverCallUpIntoTheUseCases() {
        noClasses().that().resideInAPackage("kvspoolguard.core.*..")
                .should().dependOnClassesThat().resideInAPackage("kvspoolguard.core")
                .check(CLASSES);
    }

    /**
     * Each topic depends only on the topics before it: pool, stream, policy, events, history, state,
     * attribution, run (and Java, and Jackson, which the policy reads its document with).
     */
    @Test
    void theTopics_dependOnlyOnTheTopicsBeforeThem() {
        List<String> order = List.of("pool", "stream", "policy", "events", "history", "state", "attribution", "run");
        List<String> allowed = new ArrayList<>(List.of("java..", "com.fasterxml.jackson.."));
        for (String topic : order) {
            allowed.add("kvspoolguard.core." + topic + "..");
            classes().that().resideInAPackage("kvspoolguard.core." + topic + "..")
                    .and().doNotHaveFullyQualifiedName(THREADS)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                    .check(CLASSES);
        }
    }

    /**
     * A pool's history is kept of pools and events and knows nothing else; attribution (the calls
     * that explain drifts, and who made each, of pools and of their streams) reads that history and
     * the pool's state as well, and knows nothing of runs.
     */
    @Test
    void historyAndAttribution_knowOnlyWhatTheyNeed() {
        classes().that().resideInAPackage("kvspoolguard.core.history..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kvspoolguard.core.history..",
                        "kvspoolguard.core.pool..", "kvspoolguard.core.events..", "java..")
                .check(CLASSES);
        classes().that().resideInAPackage("kvspoolguard.core.attribution..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kvspoolguard.core.attribution..",
                        "kvspoolguard.core.pool..", "kvspoolguard.core.stream..", "kvspoolguard.core.events..",
                        "kvspoolguard.core.history..", "kvspoolguard.core.state..", "java..")
                .check(CLASSES);
    }

    /**
     * Events are typed records: no detail, and nothing an event is made of, is a map of keys to
     * values, and no part of the core outside the policy reader holds {@code Map<String, Object>}.
     */
    @Test
    void events_areTypedRecords_withNoMapOfFields() {
        classes().that().implement(EventDetail.class).should().beRecords()
                .andShould().resideInAPackage("kvspoolguard.core.events").check(CLASSES);
        noFields().that().areDeclaredInClassesThat().resideInAPackage("kvspoolguard.core.events..")
                .should().haveRawType(Map.class).check(CLASSES);
        members().that().areDeclaredInClassesThat().resideInAPackage("kvspoolguard.core..")
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("kvspoolguard.core.policy..")
                .should(holdNoMapOfObjects()).check(CLASSES);
    }

    private static ArchCondition<JavaMember> holdNoMapOfObjects() {
        return new ArchCondition<>("hold or pass no Map<String, Object>") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                List<JavaType> types = switch (member) {
                    case JavaField field -> List.of(field.getType());
                    case JavaCodeUnit unit -> Stream.concat(Stream.of(unit.getReturnType()),
                            unit.getParameterTypes().stream()).toList();
                    default -> List.of();
                };
                for (JavaType type : types) {
                    if (type instanceof JavaParameterizedType map && map.toErasure().isEquivalentTo(Map.class)
                            && map.getActualTypeArguments().stream().map(JavaType::getName).toList()
                                    .equals(List.of(String.class.getName(), Object.class.getName()))) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName()
                                + " holds or passes a Map<String, Object>"));
                    }
                }
            }
        };
    }

    /** The wire form of events is written in one place, from the core's events and nothing else of it. */
    @Test
    void theEventsWireForm_knowsOnlyTheEvents() {
        classes().that().resideInAPackage("kvspoolguard.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kvspoolguard.json..", "kvspoolguard.core.events..",
                        "kvspoolguard.core.pool..", "java..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    /** The core logs nothing: it only hands the invocation's log fields (SLF4J's MDC) to the threads a run starts. */
    @Test
    void theCore_logsNothing() {
        noClasses().that().resideInAPackage("kvspoolguard.core..").and().doNotHaveFullyQualifiedName(THREADS)
                .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
                .check(CLASSES);
        classes().that().haveFullyQualifiedName(THREADS)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j")
                .check(CLASSES);
    }

    /** Of the core, the policy knows pools only; it reads its document (JSON) with Jackson, as no other topic does. */
    @Test
    void thePolicy_dependsOnlyOnPools() {
        classes().that().resideInAPackage("kvspoolguard.core.policy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kvspoolguard.core.policy..",
                        "kvspoolguard.core.pool..", "java..", "com.fasterxml.jackson..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("kvspoolguard.core..").and().resideOutsideOfPackage("kvspoolguard.core.policy..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .check(CLASSES);
    }

    /**
     * A handler (the enforcer, the shard worker, the Pool API, and what they share: {@code report},
     * {@code lambda}) may use the use cases (the top package) and what they take and give (the values
     * of {@code pool}, {@code policy}, {@code events}, {@code history}, {@code attribution}, the
     * run's results and its shard step), never the machinery of a run, the state, or a port.
     */
    @Test
    void handlers_reachTheCoreOnlyThroughItsUseCases() {
        noClasses().that().resideInAnyPackage(HANDLERS)
                .should().dependOnClassesThat().resideInAPackage("kvspoolguard.core.state..")
                .orShould().dependOnClassesThat(RUN_MACHINERY)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.pool.PoolDirectory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.policy.PolicySource")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.events.EventPublisher")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.pool.AccountDirectory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.history.PoolHistory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kvspoolguard.core.attribution.CallLedger")
                .check(CLASSES);
    }

    /**
     * Wide records are built by name: no constructor or method takes more than three parameters, but
     * a record's canonical constructor, a private constructor (the type's named factories call it),
     * an enum's, and the builders record-builder writes. A call site cannot then pass more than three
     * positional arguments, except to a record's canonical constructor.
     */
    @Test
    void noCodeUnit_takesMoreThanThreeParameters_butCanonicalConstructorsAndWrittenBuilders() {
        ArchCondition<JavaCodeUnit> fewParameters = new ArchCondition<>("take at most three parameters") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                JavaClass owner = unit.getOwner();
                boolean canonical = unit.isConstructor() && owner.isRecord()
                        && unit.getRawParameterTypes().size() == owner.getAllFields().stream()
                        .filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
                        .count();
                boolean factoried = unit.isConstructor() && (owner.isEnum()
                        || unit.getModifiers().contains(JavaModifier.PRIVATE));
                boolean written = owner.getSimpleName().endsWith("Builder") && !owner.getSimpleName().equals("Builder");
                int count = unit.getRawParameterTypes().size();
                if (count > 3 && !canonical && !factoried && !written && !unit.getName().startsWith("lambda$")) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes " + count
                            + " parameters"));
                }
            }
        };
        codeUnits().should(fewParameters).check(CLASSES);
    }
}
