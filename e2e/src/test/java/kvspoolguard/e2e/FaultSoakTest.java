package kvspoolguard.e2e;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The fault soaks ({@link FaultSoak}), of the stack's account and of an organisation: the quick
 * plans in {@code make test}, the full ones in {@code make soak}, which also passes where to write
 * bench/soak.json and docs/reliability.md. Every figure must meet its goal (docs/reliability.md
 * lists them).
 */
class FaultSoakTest {

    @Test
    void underFaultsAndFlips_theFleetConverges_andNothingIsLostOrDoneTwice() throws Exception {
        List<SoakPlan> plans = SoakPlan.fromSystemProperties();

        FaultSoak.Result single = new FaultSoak(BuiltStack.get(), plans.get(0)).run();
        FaultSoak.Result organization = new FaultSoak(BuiltStack.get(), plans.get(1)).run();

        Path json = Path.of(System.getProperty("kvspoolguard.soak.out", "target/soak-" + plans.get(0).name() + ".json"));
        SoakReport.writeJson(single, organization, json);
        String doc = System.getProperty("kvspoolguard.soak.doc");
        if (doc != null) {
            SoakReport.writeDoc(single, organization, Path.of(doc));
        }
        System.out.println(SoakReport.markdown(single));
        System.out.println(SoakReport.markdown(organization));
        SoftAssertions soft = new SoftAssertions();
        met(single, json, soft);
        met(organization, json, soft);
        soft.assertAll();
    }

    private static void met(FaultSoak.Result result, Path json, SoftAssertions soft) {
        SoakPlan plan = result.plan();
        for (SoakReport.Figure figure : SoakReport.figures(result)) {
            soft.assertThat(figure.met()).as("%s: %s = %d (goal %s: %s); see %s", plan.name(), figure.key(),
                    figure.value(), figure.goal(), figure.meaning(), json.toAbsolutePath()).isTrue();
        }
        soft.assertThat(result.tally().lost()).as(plan.name() + ": lost, for example").isEmpty();
        soft.assertThat(result.tally().unexpected()).as(plan.name() + ": unexpected, for example").isEmpty();
        soft.assertThat(result.tally().conflicts()).as(plan.name() + ": one event id with two details (the first seen,"
                + " then the other), for example").isEmpty();
        soft.assertThat(result.unhandled()).as(plan.name() + ": unhandled errors").isEmpty();
        soft.assertThat(result.flips()).as(plan.name() + ": the outsiders made every flip of the plan")
                .isEqualTo(plan.flips());
        soft.assertThat(result.streamDrifts()).as(plan.name() + ": the outsiders made every stream change of the plan")
                .isEqualTo(plan.streamDrifts());
        soft.assertThat(result.streams().guardChanges()).as(plan.name() + ": the guard corrected streams")
                .isPositive();
        soft.assertThat(result.streams().examples()).as(plan.name() + ": the streams' failures, for example").isEmpty();
        soft.assertThat(result.enforcedBySweeps() + result.enforcedByEvents()).as(plan.name() + ": the soak had work")
                .isGreaterThanOrEqualTo((int) Math.round(plan.pools() * plan.nonCompliantShare()
                        * (plan.organization() == null ? 1 : 2.0 / 3))); // but the refusing account's
    }
}
