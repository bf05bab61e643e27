package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The process {@link WorkflowCrashResumeTest} kills: it runs one workflow of many steps through a
 * {@link JdbcStore} on an H2 file database, writing as the orchestrator does (run acting, key
 * claimed, step started, step succeeded with undo data, run moved on), and prints {@code done i}
 * after each step so the test knows how far it got. Arguments: the database directory and the
 * number of steps.
 */
final class WorkflowCrashChild {

    static final String INCIDENT = "inc-crash";
    static final String RUN = "run-crash";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private WorkflowCrashChild() {}

    static String key(int step) {
        return INCIDENT + "/" + RUN + "/step#" + step;
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        ManualClock clock = ManualClock.at(T0);
        try (JdbcStore jdbc = JdbcStore.open(TestDatabases.h2(directory), clock.scheduler())) {
            WorkflowStore store = jdbc.workflows();
            WorkflowRun run = WorkflowRun.start(RUN, INCIDENT, "restart-many", "svc", TriggerType.MANUAL, T0,
                    T0.plus(Duration.ofDays(1)), T0);
            store.create(run);
            for (int i = 0; i < steps; i++) {
                clock.advance(Duration.ofMillis(10));
                Instant now = clock.instant();
                run = run.step(StepState.ACTING, 1, now, now, now);
                store.update(run);
                if (!store.claim(key(i), RUN)) {
                    System.out.println("claimed twice " + i);
                    System.exit(3);
                }
                store.append(new StepRecord(RUN, i, "step-" + i, 1, "restart", StepPhase.STARTED, now, "", Map.of()));
                store.append(new StepRecord(RUN, i, "step-" + i, 1, "restart", StepPhase.SUCCEEDED, now, "restarted",
                        Map.of("undo", "step-" + i)));
                run = run.next(i + 1, now, now);
                store.update(run);
                System.out.println("done " + i);
                System.out.flush();
            }
        }
    }
}
