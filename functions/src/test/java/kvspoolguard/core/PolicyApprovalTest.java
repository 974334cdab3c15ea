package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.PolicyChanged;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.PoolMatch;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Rule;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.testing.InMemoryCallLedger;
import kvspoolguard.testing.InMemoryPolicyVersions;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryPoolHistory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import org.junit.jupiter.api.Test;

/**
 * A new version of the policy that would lower many pools: judged from the state, announced once,
 * its decreases held (its increases not) until an operator approves that exact version.
 */
class PolicyApprovalTest {

    private static final RetentionPolicy FIRST = RetentionPolicy.builder().defaults(Bounds.between(24, 720))
            .source("test").version("v1").build();
    /** Every pool to one hour, but the "grow-" pools, raised to 2,000. */
    private static final RetentionPolicy LOWER_ALL = RetentionPolicy.builder().defaults(Bounds.exactly(1))
            .rules(List.of(new Rule("grow", PoolMatch.name("grow-*"), Bounds.exactly(2000)))).source("test")
            .version("v2").build();
    private static final Caller OPERATOR = new Caller("iam", "arn:aws:iam::123456789012:role/operator");

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final InMemoryPolicyVersions versions = new InMemoryPolicyVersions();
    private final Recording recording = new Recording(state, bus, new Archive(new InMemoryPoolHistory(),
            new InMemoryCallLedger()), DecreaseBudget.NONE, versions);

    private TriggerResult run(RetentionPolicy policy, String runId, boolean dryRun) {
        var ports = new Ports(new Fleet(pools, PolicySource.fixed(policy)), recording,
                new Runs(new InMemoryRunLedger(), new InMemoryShardQueue()));
        return new RetentionGuard(ports, 2, Clock.systemUTC()).enforce(pools.list(),
                new Trigger(Trigger.Kind.API, runId), new RunOptions(runId, dryRun, UpdateCap.NONE)
                        .withApprovalThreshold(3));
    }

    private GuardedPools api(RetentionPolicy policy) {
        return new GuardedPools(new PoolVerdicts(new Fleet(pools, PolicySource.fixed(policy)), 2, Clock.systemUTC()),
                recording, Clock.systemUTC());
    }

    @Test
    void aVersionLoweringMoreThanTheThreshold_isHeld_announcedOnce_andAppliedOnceApproved_increasesNeverHeld() {
        IntStream.range(0, 5).forEach(i -> pools.add(Pools.active("calls-" + i, 720)));
        pools.add(Pools.active("grow-1", 720));
        run(FIRST, "r1", false); // the state records the fleet, under a version lowering nothing
        bus.published.clear();

        TriggerResult dry = run(LOWER_ALL, "dry", true);
        TriggerResult held = run(LOWER_ALL, "r2", false);
        TriggerResult again = run(LOWER_ALL, "r3", false);
        Answer<PolicyVersion> wrong = api(LOWER_ALL).approve(new PolicyApproval("v2", PolicyDocument.digest(FIRST),
                OPERATOR));
        Answer<PolicyVersion> approved = api(LOWER_ALL).approve(new PolicyApproval("v2",
                PolicyDocument.digest(LOWER_ALL), OPERATOR));
        TriggerResult after = run(LOWER_ALL, "r4", false);

        assertThat(dry.report().count(PoolOutcome.Kind.DRY_RUN)).as("a dry run holds nothing").isEqualTo(6);
        assertThat(held.report().count(PoolOutcome.Kind.HELD)).isEqualTo(5);
        assertThat(held.report().outcomes()).filteredOn(o -> o.kind() == PoolOutcome.Kind.HELD).first()
                .extracting(PoolOutcome::reason).asString().contains("policy version v2").contains("would decrease 5 pools");
        assertThat(held.report().count(PoolOutcome.Kind.ENFORCED)).as("the increase goes ahead").isEqualTo(1);
        assertThat(again.report().count(PoolOutcome.Kind.HELD)).isEqualTo(5);
        assertThat(bus.published).filteredOn(e -> e.type() == EventType.POLICY_CHANGED)
                .extracting(e -> (PolicyChanged) e.detail())
                .extracting(PolicyChanged::dryRun, PolicyChanged::decreases, PolicyChanged::increases,
                        PolicyChanged::hoursAtStake, PolicyChanged::held)
                .as("once, by the dry run that met the version first, saying it will be held")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 5, 1, 5L * 719, true));
        assertThat(wrong).isInstanceOfSatisfying(Answer.Refused.class, r -> assertThat(r.problem())
                .isInstanceOf(Problem.PolicyMismatch.class));
        assertThat(approved).isInstanceOfSatisfying(Answer.Done.class, d -> assertThat(((PolicyVersion) d.value())
                .holdsDecreases()).isFalse());
        assertThat(after.report().count(PoolOutcome.Kind.ENFORCED)).isEqualTo(5);
        assertThat(pools.updates).containsExactlyInAnyOrder("grow-1=2000", "calls-0=1", "calls-1=1", "calls-2=1",
                "calls-3=1", "calls-4=1");
    }

    @Test
    void aVersionApprovedBeforeAnyRunMetIt_isNeverHeld_andTheDigestIgnoresNothingButLayout() {
        IntStream.range(0, 5).forEach(i -> pools.add(Pools.active("calls-" + i, 720)));
        run(FIRST, "r1", false);
        api(LOWER_ALL).approve(new PolicyApproval("v2", PolicyDocument.digest(LOWER_ALL), OPERATOR));

        TriggerResult result = run(LOWER_ALL, "r2", false);

        assertThat(result.report().count(PoolOutcome.Kind.ENFORCED)).isEqualTo(5);
        assertThat(bus.published).filteredOn(e -> e.type() == EventType.POLICY_CHANGED)
                .as("met after its approval: still judged and announced").singleElement()
                .extracting(e -> ((PolicyChanged) e.detail()).decreases()).isEqualTo(5);
        assertThat(api(LOWER_ALL).policy()).isInstanceOfSatisfying(Answer.Done.class, d -> assertThat(
                ((PolicyStanding) d.value()).met().approval().by()).isEqualTo(OPERATOR.principal()));
        assertThat(PolicyDocument.digest(LOWER_ALL)).matches("sha256:[0-9a-f]{64}")
                .isEqualTo(PolicyDocument.digest(LOWER_ALL.withVersion("v2"))).isNotEqualTo(PolicyDocument.digest(
                        LOWER_ALL.withVersion("v3")));
    }
}
