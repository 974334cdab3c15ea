package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import kvspoolguard.local.MutableClock;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.PoolStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolStatus;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;

/** CREATING → ACTIVE, UPDATING → ACTIVE, DELETING → gone, on a clock the test moves. */
class LifecycleIT {

    private static final Duration DELAY = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ChimePoolEmulator emulator;
    private ChimeSdkMediaPipelinesClient chime;

    @BeforeEach
    void start() {
        emulator = ChimePoolEmulator.builder().clock(clock).transitionDelay(DELAY).build().start();
        chime = EmulatorClients.noRetries(emulator);
    }

    @AfterEach
    void stop() {
        chime.close();
        emulator.close();
    }

    private KinesisVideoStreamPoolStatus status(String name) {
        return chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(name))
                .kinesisVideoStreamPoolConfiguration().poolStatus();
    }

    private void update(String name, int hours) {
        chime.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(name)
                .streamConfiguration(c -> c.dataRetentionInHours(hours)));
    }

    private void create(String name) {
        chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName(name)
                .streamConfiguration(c -> c.region("us-east-1").dataRetentionInHours(24)));
    }

    @Test
    void changes_recordEveryStatusAndRetentionChange_withItsCauseAndWhenItTookEffect() {
        Instant start = clock.instant();
        create("p");
        clock.advance(DELAY.plusSeconds(5));
        update("p", 48);
        emulator.seed(EmulatedPool.active("p", 9000));
        clock.advance(DELAY);
        chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p"));
        clock.advance(DELAY);

        assertThat(emulator.changes()).extracting(c -> c.status() + "/" + c.retentionHours() + "/" + c.cause())
                .containsExactly("CREATING/24/API", "ACTIVE/24/TRANSITION", "UPDATING/48/API", "ACTIVE/9000/SEED",
                        "DELETING/9000/API", "null/9000/TRANSITION");
        assertThat(emulator.changes().get(1).at()).as("when the transition was due").isEqualTo(start.plus(DELAY));
        assertThat(emulator.changes()).extracting(PoolChange::sequence).isSorted().doesNotHaveDuplicates();
        emulator.reset();
        assertThat(emulator.changes()).isEmpty();
    }

    @Test
    void replace_isAnOutsidersChange_madeOnlyWhenTheChangeSaysSo_andLoggedAsSeed() {
        create("p");
        clock.advance(DELAY);
        String poolId = emulator.pools().getFirst().poolId();
        UnaryOperator<EmulatedPool> flipIfActive = p -> p.status() == PoolStatus.ACTIVE
                ? p.withStatus(PoolStatus.UPDATING).withRetention(5000) : null;

        assertThat(emulator.replace(null, "p", flipIfActive)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PoolStatus.UPDATING);
            assertThat(p.poolId()).as("the same pool").isEqualTo(poolId);
        });
        assertThat(emulator.replace(null, "p", flipIfActive)).as("left as it is").isEmpty();
        assertThat(emulator.replace(null, "absent", flipIfActive)).isEmpty();
        clock.advance(DELAY.multipliedBy(2));

        assertThat(status("p")).as("no transition scheduled").isEqualTo(KinesisVideoStreamPoolStatus.UPDATING);
        assertThatThrownBy(() -> update("p", 48)).isInstanceOf(ConflictException.class);
        assertThat(emulator.changes()).extracting(c -> c.status() + "/" + c.retentionHours() + "/" + c.cause())
                .containsExactly("CREATING/24/API", "ACTIVE/24/TRANSITION", "UPDATING/5000/SEED");
    }

    @Test
    void create_staysCreatingUntilTheDelayPasses_thenActive() {
        create("p");

        clock.advance(DELAY.minusMillis(1));
        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.CREATING);
        clock.advance(Duration.ofMillis(1));
        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.ACTIVE);
    }

    @Test
    void updateAndDelete_ofCreatingPool_areConflicts() {
        create("p");

        assertThatThrownBy(() -> update("p", 48)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("CREATING");
        assertThatThrownBy(() -> chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void update_leavesPoolUpdating_thenActive_andRefusesASecondUpdateMeanwhile() {
        create("p");
        clock.advance(DELAY);
        update("p", 48);

        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.UPDATING);
        assertThatThrownBy(() -> update("p", 96)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("UPDATING");
        clock.advance(DELAY);
        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.ACTIVE);
        update("p", 96);
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(96);
    }

    @Test
    void delete_leavesPoolDeleting_thenGone() {
        create("p");
        clock.advance(DELAY);
        chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p"));

        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.DELETING);
        assertThatThrownBy(() -> update("p", 5)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p")))
                .isInstanceOf(ConflictException.class);
        clock.advance(DELAY);
        assertThatThrownBy(() -> status("p")).isInstanceOf(NotFoundException.class);
        assertThat(emulator.pools()).isEmpty();
    }

    @Test
    void seededNonActivePool_keepsItsStatus_andRefusesChange() {
        emulator.seed(EmulatedPool.active("busy", 24).withStatus(PoolStatus.UPDATING));
        clock.advance(DELAY.multipliedBy(10));

        assertThat(status("busy")).isEqualTo(KinesisVideoStreamPoolStatus.UPDATING);
        assertThatThrownBy(() -> update("busy", 48)).isInstanceOf(ConflictException.class);
    }

    @Test
    void reseedingAPool_cancelsItsPendingTransition() {
        create("p");
        emulator.seed(EmulatedPool.active("p", 24).withStatus(PoolStatus.FAILED));
        clock.advance(DELAY);

        assertThat(status("p")).isEqualTo(KinesisVideoStreamPoolStatus.FAILED);
    }
}
