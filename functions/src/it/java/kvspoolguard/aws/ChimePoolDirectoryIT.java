package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.run.Enforcer;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.RunTerms;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.ChimePoolEmulatorExtension;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.testing.Recorders;
import kvspoolguard.testing.Sweeps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Chime adapter, built as the functions build it, against the emulator over the real wire. */
class ChimePoolDirectoryIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private static ChimePoolDirectory directory;
    private final ChimePoolEmulator emulator = CHIME.emulator();

    @BeforeAll
    static void connect() {
        // the SDK's standard settings, as in Lambda: endpoint override and credentials from outside the code
        System.setProperty("aws.endpointUrlChimeSdkMediaPipelines", CHIME.emulator().endpoint().toString());
        System.setProperty("aws.accessKeyId", "AKIALOCAL");
        System.setProperty("aws.secretAccessKey", "local");
        directory = new ChimePoolDirectory(ChimeClients.home("123456789012", List.of("us-east-1", "eu-west-1")));
    }

    @AfterAll
    static void disconnect() {
        System.clearProperty("aws.endpointUrlChimeSdkMediaPipelines");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private PoolRef ref(String name) {
        return PoolRef.fromArn(emulator.poolArn("us-east-1", name));
    }

    @Test
    void pages_walkEveryPageOfEveryRegion_neverSpanningTwo() {
        emulator.seed(IntStream.range(0, 150).mapToObj(i -> EmulatedPool.active("us-" + i, 24))
                .toArray(EmulatedPool[]::new));
        emulator.seed(EmulatedPool.active("eu-1", 24).withRegion("eu-west-1"));

        List<PoolRef> refs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            PoolPage page = directory.page(ShardFilter.ALL, token, 100);
            refs.addAll(page.pools());
            sizes.add(page.pools().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(sizes).containsExactly(1, 100, 50); // eu-west-1 first: regions go in name order
        assertThat(refs).hasSize(151);
        assertThat(refs).filteredOn(r -> r.region().equals("eu-west-1")).extracting(PoolRef::arn)
                .containsExactly(emulator.poolArn("eu-west-1", "eu-1"));
        assertThat(emulator.count(Operation.LIST_POOLS).calls()).isEqualTo(3);
    }

    @Test
    void describe_readsEveryField_andTagsOnlyWhenAsked() {
        Instant created = Instant.parse("2025-03-04T05:06:07.890Z");
        emulator.seed(new EmulatedPool("p", null, "us-east-1", "eu-central-1", 48, kvspoolguard.local.chime.model.PoolStatus.FAILED,
                7, "pool-id", created, created.plusSeconds(5), Map.of("team", "voice")));

        Pool bare = directory.describe(ref("p"), false);
        Pool tagged = directory.describe(ref("p"), true);

        assertThat(bare).isEqualTo(Pool.builder("p", emulator.poolArn("us-east-1", "p"), PoolStatus.FAILED)
                .id("pool-id").region("us-east-1").size(7).streamRegion("eu-central-1").retentionHours(48)
                .createdAt(created).updatedAt(created.plusSeconds(5)).build());
        assertThat(tagged.tags()).isEqualTo(Map.of("team", "voice"));
        assertThat(emulator.count(Operation.GET_POOL).calls()).isEqualTo(2);
        assertThat(emulator.count(Operation.LIST_TAGS_FOR_RESOURCE).calls()).isEqualTo(1);
        assertThat(emulator.requests().getFirst().rawPath()).endsWith("%2Fp"); // addressed by ARN
    }

    @Test
    void updateRetention_answersTheNewConfiguration() {
        emulator.seed(EmulatedPool.active("p", 2400));

        Pool updated = directory.updateRetention(ref("p"), 720);

        assertThat(updated.retentionHours()).isEqualTo(720);
        assertThat(updated.status()).isEqualTo(PoolStatus.UPDATING);
        assertThat(emulator.requests().getLast().body()).isEqualTo("{\"StreamConfiguration\":{\"DataRetentionInHours\":720}}");
    }

    @Test
    void errors_becomeDomainKinds() {
        emulator.seed(EmulatedPool.active("busy", 24).withStatus(kvspoolguard.local.chime.model.PoolStatus.UPDATING));

        assertThatThrownBy(() -> directory.describe(ref("ghost"), false))
                .isInstanceOf(PoolDirectoryException.class)
                .satisfies(e -> assertThat(((PoolDirectoryException) e).kind()).isEqualTo(PoolDirectoryException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> directory.updateRetention(ref("busy"), 48))
                .satisfies(e -> assertThat(((PoolDirectoryException) e).kind()).isEqualTo(PoolDirectoryException.Kind.CONFLICT));
        emulator.injectFaults(FaultRule.always(Operation.GET_POOL, Fault.serviceUnavailable()));
        assertThatThrownBy(() -> directory.describe(ref("busy"), false))
                .satisfies(e -> assertThat(((PoolDirectoryException) e).kind()).isEqualTo(PoolDirectoryException.Kind.UNAVAILABLE));
        assertThat(emulator.count(Operation.GET_POOL).withStatus(503)).as("the SDK's 3 attempts").isEqualTo(3);
    }

    @Test
    void throttling_isRetriedByTheSdk_thenSucceeds() {
        emulator.seed(EmulatedPool.active("p", 24));
        emulator.injectFaults(FaultRule.times(Operation.GET_POOL, Fault.throttle(), 2));

        assertThat(directory.describe(ref("p"), false).retentionHours()).isEqualTo(24);
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).isEqualTo(2);
    }

    @Test
    void sweep_overTheEmulator_updatesExactlyTheNonCompliantActivePools_withTheFewestCalls() {
        emulator.seed(EmulatedPool.active("above", 2400), EmulatedPool.active("below", 6),
                EmulatedPool.active("within", 48),
                EmulatedPool.active("busy", 4000).withStatus(kvspoolguard.local.chime.model.PoolStatus.UPDATING),
                EmulatedPool.active("held", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true")));
        Enforcer enforcer = new Enforcer(directory, 4, Clock.systemUTC());
        RetentionPolicy policy = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), ExemptTag.DEFAULT);

        RunReport first = Sweeps.every(enforcer, directory, new RunTerms(policy, new RunOptions("r1", false, UpdateCap.NONE), Recorders.inMemory()));

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("above", 720),
                        tuple("below", 24), tuple("within", 48),
                        tuple("busy", 4000), tuple("held", 87_600));
        assertThat(first.count(PoolOutcome.Kind.ENFORCED)).isEqualTo(2);
        assertThat(first.count(PoolOutcome.Kind.DEFERRED)).isEqualTo(1);
        // the floor: ceil(5/100) List + 5 Get + 5 ListTags (the exemption needs tags) + 2 Update
        assertThat(emulator.count(Operation.LIST_POOLS).calls()).isEqualTo(2); // one per governed region
        assertThat(emulator.count(Operation.GET_POOL).calls()).isEqualTo(5);
        assertThat(emulator.count(Operation.LIST_TAGS_FOR_RESOURCE).calls()).isEqualTo(5);
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isEqualTo(2);

        RunReport second = Sweeps.every(enforcer, directory, new RunTerms(policy, new RunOptions("r2", false, UpdateCap.NONE), Recorders.inMemory()));
        assertThat(second.count(PoolOutcome.Kind.ENFORCED)).isZero();
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isEqualTo(2);
    }
}
