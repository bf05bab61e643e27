package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChildJvmTest {

    /**
     * {@link Process#onExit()} makes a new future on each call, completed asynchronously; a child
     * whose exit had been seen once must be seen as exited by every later caller, or the pair
     * driver reports a child that finished cleanly as one that "exited before it was ready".
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void onceItsExitIsSeenEveryCallerSeesIt() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ChildJvm child = new ChildJvm(Mode.DIRECT, new ProcessBuilder("true").start(), window -> {})) {
                child.onExit().get(10, TimeUnit.SECONDS);

                assertThat(child.onExit()).as("run %d", i).isDone();
                assertThat(child.exitCode()).contains(0);
            }
        }
    }
}
