package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading RIE's figures from the lines it writes (samples as RIE wrote them here). */
class RuntimeInterfaceEmulatorTest {

    @Test
    void initReport_readsTheRuntimesInitDuration() {
        assertThat(RuntimeInterfaceEmulator.initReport(
                "01 Dec 2026 03:15:12,966 [INFO] (rapid) INIT REPORT(durationMs: 597.509000)")).isEqualTo(597.509);
        assertThat(RuntimeInterfaceEmulator.initReport("01 Dec 2026 03:15:12,966 [INFO] (rapid) INIT RTDONE(status: success)"))
                .isEqualTo(-1);
    }

    @Test
    void report_readsDuration_notTheInitDurationBeforeIt() {
        String cold = "REPORT RequestId: r1\tInit Duration: 0.36 ms\tDuration: 692.78 ms\tBilled Duration: 693 ms\t"
                + "Memory Size: 1024 MB\tMax Memory Used: 1024 MB\t";
        String warm = "REPORT RequestId: r2\tDuration: 1.72 ms\tBilled Duration: 2 ms\tMemory Size: 1024 MB\t"
                + "Max Memory Used: 1024 MB\t";

        assertThat(RuntimeInterfaceEmulator.report(cold, "r1")).isEqualTo(692.78);
        assertThat(RuntimeInterfaceEmulator.report(warm, "r2")).isEqualTo(1.72);
    }

    @Test
    void report_ofAnotherRequest_isNotThisOnes() {
        assertThat(RuntimeInterfaceEmulator.report("REPORT RequestId: r2\tDuration: 1.72 ms\t", "r1")).isEqualTo(-1);
        assertThat(RuntimeInterfaceEmulator.report("START RequestId: r1 Version: $LATEST", "r1")).isEqualTo(-1);
    }
}
