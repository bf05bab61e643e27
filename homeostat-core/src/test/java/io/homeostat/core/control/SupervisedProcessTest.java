package io.homeostat.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedProcessTest {

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void restartStopsTheChildGracefullyAndStartsANewOne() {
        try (SupervisedProcess child = SupervisedProcess.start(List.of("sleep", "30"))) {
            long old = child.pid();
            assertThat(child.isAlive()).isTrue();

            String line = child.restart(Duration.ofMillis(500), "test");

            assertThat(child.pid()).isNotEqualTo(old);
            assertThat(child.isAlive()).isTrue();
            assertThat(alive(old)).isFalse();
            assertThat(line).matches("pid " + old + " stopped \\(exit 143\\) in \\d+ ms; started pid " + child.pid());
        }
    }

    @Test
    void aChildIgnoringTermIsKilledAfterTheDrain(@TempDir Path dir) throws IOException {
        Path ready = dir.resolve("ready");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "trap '' TERM; touch \"$0\"; exec sleep 30", ready.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try (SupervisedProcess child = SupervisedProcess.start(builder, Clock.system())) {
            long old = child.pid();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ready));

            String line = child.restart(Duration.ofMillis(200), "test");

            assertThat(line).isEqualTo("pid " + old + " did not stop within 200 ms, killed; started pid " + child.pid());
            assertThat(alive(old)).isFalse();
            assertThat(child.isAlive()).isTrue();
            // close() would wait CLOSE_DRAIN for this TERM-ignoring child: kill it first.
            ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());
        }
    }

    @Test
    void theKernelControlRestartsARegisteredChild() {
        try (SupervisedProcess child = SupervisedProcess.start(List.of("sleep", "30"))) {
            long old = child.pid();
            KernelControl control = KernelControl.builder().restartable("worker", child).build();

            assertThat(control.restart("worker", Duration.ofMillis(500), "test")).endsWith("started pid " + child.pid());
            assertThat(child.pid()).isNotEqualTo(old);
            assertThat(alive(old)).isFalse();
        }
    }

    @Test
    void restartsAChildThatHadExitedAndCloseStopsItForGood() {
        SupervisedProcess child = SupervisedProcess.start(List.of("true"));
        long old = child.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());

        assertThat(child.restart(Duration.ZERO, "test")).startsWith("pid " + old + " had exited (exit 0); started pid ");

        SupervisedProcess sleeper = SupervisedProcess.start(List.of("sleep", "30"));
        long pid = sleeper.pid();
        sleeper.close();
        sleeper.close();
        assertThat(alive(pid)).isFalse();
        assertThatThrownBy(() -> sleeper.restart(Duration.ZERO, "test")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[sleep, 30] is closed");
        child.close();
    }

    @Test
    void namesWhatCouldNotStart() {
        assertThatThrownBy(() -> SupervisedProcess.start(List.of("/nonexistent/homeostat-no-such-program")))
                .isInstanceOf(RestartFailedException.class)
                .hasMessageContaining("could not start [/nonexistent/homeostat-no-such-program]");
        assertThatThrownBy(() -> SupervisedProcess.start(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was []");
    }
}
