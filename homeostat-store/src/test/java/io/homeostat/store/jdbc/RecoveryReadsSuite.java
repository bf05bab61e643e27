package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery history by hour and the daily self-healing summary; run on H2 and PostgreSQL by its subclasses. */
abstract class RecoveryReadsSuite {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final Instant MIDNIGHT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(MIDNIGHT.plus(Duration.ofHours(21)));
    private JdbcStore store;

    /** Where the store lives for one test. */
    abstract StoreConfig config(Path directory);

    /** Removes what {@link #config} made; nothing by default. */
    void cleanUp() {}

    @BeforeEach
    void open() {
        store = JdbcStore.open(config(directory), clock.scheduler());
    }

    @AfterEach
    void close() {
        try {
            store.close();
        } finally {
            cleanUp();
        }
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + ":00Z");
    }

    /** A run of its own incident from {@code start}; acted once if asked; ended in {@code phase} at {@code end} unless null. */
    private void run(String id, Instant start, boolean acted, RunPhase phase, Instant end) {
        WorkflowRun run = WorkflowRun.start(id, "inc-" + id, "failover", "svc", TriggerType.MANUAL, start,
                start.plus(Duration.ofHours(2)), start);
        store.workflows().create(run);
        if (acted) {
            run = run.step(StepState.ACTING, 1, start, start, start.plusSeconds(1));
            store.workflows().update(run);
        }
        if (phase != null) {
            store.workflows().update(run.moved(phase, "ended", end));
        }
    }

    private void day() {
        run("g", Instant.parse("2026-02-28T23:50:00Z"), true, RunPhase.SUCCEEDED, at("00:10"));
        run("a", at("10:00"), true, RunPhase.SUCCEEDED, at("10:20"));
        run("b", at("10:30"), true, RunPhase.ROLLED_BACK, at("11:10"));
        run("c", at("11:00"), false, RunPhase.ESCALATED, at("11:05"));
        run("d", at("11:30"), true, RunPhase.ABORTED, at("11:40"));
        run("e", at("12:00"), true, RunPhase.SUCCEEDED, at("12:40"));
        run("f", at("12:45"), true, RunPhase.SHADOWED, at("12:50"));
        run("h", at("20:00"), true, null, null);
    }

    @Test
    void runsEndedPerHourByOutcomeWithEmptyHoursIncluded() {
        day();

        assertThat(new RecoveryHistory(store).byHour(at("10:00"), at("14:00"))).containsExactly(
                new RecoveryCounts(at("10:00"), 1, 0, 0),
                new RecoveryCounts(at("11:00"), 0, 2, 1),
                new RecoveryCounts(at("12:00"), 1, 0, 0),
                new RecoveryCounts(at("13:00"), 0, 0, 0));
        assertThat(new RecoveryHistory(store).byHour(at("10:30"), at("11:06"))).as("only runs ended inside the range")
                .containsExactly(new RecoveryCounts(at("10:00"), 0, 0, 0), new RecoveryCounts(at("11:00"), 0, 1, 0));
        assertThatThrownBy(() -> new RecoveryHistory(store).byHour(at("11:00"), at("10:00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void step(String run, int index, int attempt, StepPhase phase, String time) {
        store.workflows().append(new StepRecord(run, index, "step" + index, attempt, "action" + index, phase, at(time),
                phase.name().toLowerCase(Locale.ROOT), Map.of()));
    }

    @Test
    void actionsCompletedPerHourByStatus() {
        run("x", at("10:00"), true, null, null);
        step("x", 0, 1, StepPhase.STARTED, "10:00");
        step("x", 0, 1, StepPhase.FAILED, "10:01");
        step("x", 0, 2, StepPhase.STARTED, "10:05");
        step("x", 0, 2, StepPhase.SUCCEEDED, "10:06");
        step("x", 0, 2, StepPhase.VERIFIED, "11:10");
        step("x", 1, 1, StepPhase.STARTED, "11:20");
        step("x", 1, 1, StepPhase.SUCCEEDED, "11:21");
        step("x", 1, 1, StepPhase.VERIFIED, "11:30");
        step("x", 2, 1, StepPhase.SHADOWED, "11:40");
        step("x", 1, 1, StepPhase.ROLLBACK_STARTED, "12:00");
        step("x", 1, 1, StepPhase.ROLLED_BACK, "12:01");
        step("x", -1, 1, StepPhase.SUCCEEDED, "12:02");
        WorkflowRun x = store.workflows().find("x").orElseThrow();
        store.workflows().update(x.moved(RunPhase.ROLLED_BACK, "rolled back", at("12:03")));
        run("y", at("13:00"), true, null, null);
        step("y", 0, 1, StepPhase.STARTED, "13:00");
        step("y", 0, 1, StepPhase.SUCCEEDED, "13:01");
        step("y", 1, 1, StepPhase.STARTED, "13:05");
        run("z", at("13:10"), true, RunPhase.ABORTED, at("13:20"));
        step("z", 0, 1, StepPhase.STARTED, "13:10");
        step("z", 0, 1, StepPhase.SUCCEEDED, "13:11");

        RecoveryHistory history = new RecoveryHistory(store);

        assertThat(history.actionsByHour(at("10:00"), at("14:00"))).containsExactly(
                new RecoveryCounts(at("10:00"), 0, 1, 0),
                new RecoveryCounts(at("11:00"), 1, 0, 0),
                new RecoveryCounts(at("12:00"), 1, 0, 1),
                new RecoveryCounts(at("13:00"), 1, 0, 0));
        assertThat(history.actionsByHour(at("11:00"), at("12:02"))).as("an action counts when it completes")
                .containsExactly(new RecoveryCounts(at("11:00"), 1, 0, 0), new RecoveryCounts(at("12:00"), 0, 0, 1));
        assertThat(store.workflows().actions("x")).extracting(a -> a.completedAt().orElseThrow())
                .containsExactly(at("10:01"), at("11:10"), at("12:01"), at("12:02"));
        assertThatThrownBy(() -> history.actionsByHour(at("11:00"), at("11:00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDailySummaryIsComputedIntoItsTableAndReadByDayRange() {
        day();
        for (int i = 0; i < 3; i++) {
            store.write(FailureRecord.of("f-" + i, new FailureEvent("svc", ErrorCategory.UNAVAILABLE, "Timeout", "",
                    at("09:00").plusSeconds(i), Map.of()), Severity.HIGH));
        }
        store.write(FailureRecord.of("f-old", new FailureEvent("svc", ErrorCategory.UNAVAILABLE, "Timeout", "",
                Instant.parse("2026-02-28T12:00:00Z"), Map.of()), Severity.HIGH));
        store.flush();
        DailySummaryJob job = new DailySummaryJob(store, clock);

        DailySummary summary = job.compute(DAY);
        job.compute(DAY.minusDays(1));
        job.compute(DAY);

        assertThat(summary.errors()).isEqualTo(3);
        assertThat(summary.automatedRecoveries()).as("g a b d e: acted and ended that day").isEqualTo(5);
        assertThat(summary.successful()).isEqualTo(3);
        assertThat(summary.escalated()).isEqualTo(1);
        assertThat(summary.meanRecoveryTime()).isEqualTo(Duration.ofMinutes(80).dividedBy(3));
        assertThat(summary.availability()).as("3 of 24 hours under recovery").isCloseTo(1 - 3.0 / 24, within(1e-9));

        assertThat(job.summaries(DAY.minusDays(1), DAY.plusDays(1))).extracting(DailySummary::day)
                .containsExactly(DAY.minusDays(1), DAY);
        DailySummary stored = job.summaries(DAY, DAY).getFirst();
        assertThat(stored.errors()).isEqualTo(3);
        assertThat(stored.automatedRecoveries()).isEqualTo(5);
        assertThat(stored.meanRecoveryTime()).isEqualTo(Duration.ofMillis(summary.meanRecoveryTime().toMillis()));
        assertThat(stored.availability()).isCloseTo(summary.availability(), within(1e-9));
        DailySummary before = job.summaries(DAY.minusDays(1), DAY.minusDays(1)).getFirst();
        assertThat(before.errors()).isEqualTo(1);
        assertThat(before.automatedRecoveries()).isZero();
        assertThat(before.meanRecoveryTime()).isEqualTo(Duration.ZERO);
        assertThat(before.availability()).isCloseTo(1 - 10.0 / 1440, within(1e-9));
        assertThat(TestDatabases.count(store, "daily_summary")).as("recomputing replaces the row").isEqualTo(2);
        assertThat(job.summaries(DAY.plusDays(1), DAY.plusDays(3))).isEmpty();
    }
}
