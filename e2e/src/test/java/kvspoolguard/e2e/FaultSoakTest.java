package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The fault soak ({@link FaultSoak}): the quick plan in {@code make test}, the full one in
 * {@code make soak}, which also passes where to write bench/soak.json and docs/reliability.md.
 * Every figure must meet its goal (docs/reliability.md lists them).
 */
class FaultSoakTest {

    @Test
    void underFaultsAndFlips_theFleetConverges_andNothingIsLostOrDoneTwice() throws Exception {
        SoakPlan plan = SoakPlan.fromSystemProperties();

        FaultSoak.Result result = new FaultSoak(BuiltStack.get(), plan).run();

        Path json = Path.of(System.getProperty("kvspoolguard.soak.out", "target/soak-" + plan.name() + ".json"));
        SoakReport.writeJson(result, json);
        String doc = System.getProperty("kvspoolguard.soak.doc");
        if (doc != null) {
            SoakReport.writeDoc(result, Path.of(doc));
        }
        System.out.println(SoakReport.markdown(result));

        SoftAssertions soft = new SoftAssertions();
        for (SoakReport.Figure figure : SoakReport.figures(result)) {
            soft.assertThat(figure.met()).as("%s = %d (goal %s: %s); see %s", figure.key(), figure.value(),
                    figure.goal(), figure.meaning(), json.toAbsolutePath()).isTrue();
        }
        soft.assertThat(result.tally().lost()).as("lost, for example").isEmpty();
        soft.assertThat(result.tally().unexpected()).as("unexpected, for example").isEmpty();
        soft.assertThat(result.tally().conflicts()).as("one event id with two details (the first seen, then the"
                + " other), for example").isEmpty();
        soft.assertThat(result.unhandled()).as("unhandled errors").isEmpty();
        soft.assertAll();
        assertThat(result.flips()).as("the outsiders made every flip of the plan").isEqualTo(plan.flips());
        assertThat(result.enforcedBySweeps() + result.enforcedByEvents()).as("the soak had work to do")
                .isGreaterThanOrEqualTo((int) Math.round(plan.pools() * plan.nonCompliantShare()));
    }
}
