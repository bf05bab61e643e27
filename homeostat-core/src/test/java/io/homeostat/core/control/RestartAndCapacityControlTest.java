package io.homeostat.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestartAndCapacityControlTest {

    @Test
    void aThreadPoolScalesCoreAndMaximumTogetherWithinItsBounds() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        try {
            KernelControl control = KernelControl.builder().capacity("workers", ControlledCapacity.threadPool(pool, 1, 8))
                    .build();

            assertThat(control.scale("workers", 5, "test")).isEqualTo(2);
            assertThat(pool.getCorePoolSize()).isEqualTo(5);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
            assertThat(control.scale("workers", 1, "test")).isEqualTo(5);
            assertThat(pool.getCorePoolSize()).isEqualTo(1);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThatThrownBy(() -> control.scale("workers", 9, "test")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[1, 8]");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownTargetsAreNamed() {
        KernelControl control = KernelControl.builder().build();

        assertThat(control.restartable("web")).isEmpty();
        assertThat(control.capacity("web")).isEmpty();
        assertThatThrownBy(() -> control.restart("web", Duration.ZERO, "test"))
                .isInstanceOf(UnknownControlTargetException.class).hasMessageContaining("restartable component named 'web'");
        assertThatThrownBy(() -> control.scale("web", 2, "test"))
                .isInstanceOf(UnknownControlTargetException.class).hasMessageContaining("capacity named 'web'");
    }

    @Test
    void boundsAreValidated() {
        assertThatThrownBy(() -> ControlledCapacity.of(0, 3, () -> 1, n -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlledCapacity.of(4, 3, () -> 1, n -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
