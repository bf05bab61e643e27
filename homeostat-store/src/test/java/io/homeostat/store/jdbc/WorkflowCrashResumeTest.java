package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.port.WorkflowStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM records workflow steps into an H2 file database and is killed with
 * SIGKILL in the middle; this process then opens the same database and finds the run where the
 * child left it. Bounded: the child is given 60 s to reach its twentieth step and 30 s to die.
 */
class WorkflowCrashResumeTest {

    private static final int KILL_AFTER = 20;

    @TempDir
    Path directory;

    @Test
    void aRunKilledMidwayIsFoundWithItsLastCompletedStepAndNoKeyClaimedTwice() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkflowCrashChild.class.getName(),
                directory.toString(), "100000")
                .redirectError(directory.resolve("child-stderr.txt").toFile())
                .start();
        try {
            CompletableFuture<Integer> reached = CompletableFuture.supplyAsync(() -> readUntil(child, KILL_AFTER));
            assertThat(reached.get(60, TimeUnit.SECONDS)).as("steps the child reported").isGreaterThanOrEqualTo(KILL_AFTER);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
        }
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        try (JdbcStore jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            WorkflowStore store = jdbc.workflows();
            WorkflowRun run = store.activeFor(WorkflowCrashChild.INCIDENT).orElseThrow();
            assertThat(run.runId()).isEqualTo(WorkflowCrashChild.RUN);
            assertThat(store.active()).containsExactly(run);

            List<StepRecord> steps = store.steps(run.runId());
            int lastSucceeded = steps.stream().filter(r -> r.phase() == StepPhase.SUCCEEDED)
                    .mapToInt(StepRecord::stepIndex).max().orElseThrow();
            assertThat(lastSucceeded).isGreaterThanOrEqualTo(KILL_AFTER);
            assertThat(run.stepIndex()).as("the run is at its last completed step or the one after")
                    .isBetween(lastSucceeded, lastSucceeded + 1);
            StepRecord last = steps.stream().filter(r -> r.stepIndex() == lastSucceeded && r.phase() == StepPhase.SUCCEEDED)
                    .findFirst().orElseThrow();
            assertThat(last.data()).isEqualTo(Map.of("undo", "step-" + lastSucceeded));

            Map<Integer, Long> startsPerStep = steps.stream().filter(r -> r.phase() == StepPhase.STARTED)
                    .collect(Collectors.groupingBy(StepRecord::stepIndex, Collectors.counting()));
            assertThat(startsPerStep.values()).as("no step started twice").containsOnly(1L);
            assertThat(startsPerStep.keySet()).as("every step up to the last completed one started")
                    .containsAll(java.util.stream.IntStream.rangeClosed(0, lastSucceeded).boxed().toList());
            long claims = TestDatabases.count(jdbc, "idempotency_claim");
            assertThat(claims).as("one claim per started step, perhaps one more for a step killed before it started")
                    .isBetween((long) startsPerStep.size(), (long) startsPerStep.size() + 1);
            for (int i = 0; i <= lastSucceeded; i++) {
                assertThat(store.claim(WorkflowCrashChild.key(i), "resumer")).as("key of step %d", i).isFalse();
            }
            assertThat(store.claim(WorkflowCrashChild.key(run.stepIndex() + 1), "resumer"))
                    .as("a step the child never reached is still free").isTrue();
        }
    }

    /** Reads the child's "done i" lines until step {@code target}; the last step seen. */
    private static int readUntil(Process child, int target) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = -1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("done ")) {
                    seen = Integer.parseInt(line.substring(5));
                    if (seen >= target) {
                        return seen;
                    }
                }
            }
            return seen;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
