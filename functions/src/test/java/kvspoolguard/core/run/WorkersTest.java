package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void aSingleItem_isWorkedOnTheCallersThread_andANullResultIsKept() {
        List<Thread> ran = new ArrayList<>();

        List<String> results = Workers.map(List.of("gone"), 16, item -> {
            ran.add(Thread.currentThread());
            return null; // a pool deleted between the listing and its read
        });

        assertThat(ran).containsExactly(Thread.currentThread());
        assertThat(results).containsExactly((String) null);
    }

    @Test
    void manyItems_goToWorkers_inTheItemsOrder_andAFailureIsThrownAsItWas() {
        List<Integer> results = Workers.map(List.of(1, 2, 3), 2, i -> {
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            return i * 10;
        });

        assertThat(results).containsExactly(10, 20, 30);
        assertThatThrownBy(() -> Workers.map(List.of(1), 2, i -> {
            throw new IllegalStateException("pool " + i);
        })).isInstanceOf(IllegalStateException.class).hasMessage("pool 1");
    }
}
