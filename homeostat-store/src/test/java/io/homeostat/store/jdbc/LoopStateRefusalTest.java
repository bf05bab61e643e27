package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.RootCandidate;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.StoreRefusedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diagnosis or a workflow run the database answers and refuses (a service name longer than its
 * column) is reported as refused, not as an outage: the orchestrator does not retry a run's start
 * it cannot write, and nothing goes to the spool as if the database were away. The store stays
 * usable.
 */
class LoopStateRefusalTest {

    private static final String TOO_LONG = "s".repeat(201);

    @TempDir
    Path directory;

    @Test
    void h2RefusesWhatItCannotHoldAndKeepsTakingTheRest() {
        try (JdbcStore store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            assertRefusedAndStillUsable(store);
        }
    }

    @Test
    void postgresRefusesWhatItCannotHoldAndKeepsTakingTheRest() {
        String schema = TestDatabases.newSchemaName("loop_refusal");
        try (JdbcStore store = JdbcStore.open(TestDatabases.postgres(schema, directory), ManualClock.create().scheduler())) {
            assertRefusedAndStillUsable(store);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void assertRefusedAndStillUsable(JdbcStore store) {
        WorkflowRun run = WorkflowRun.start("run-long", LoopStateWrites.incidentId(7), "restart-pool", TOO_LONG,
                TriggerType.ERROR_THRESHOLD, LoopStateWrites.T0, LoopStateWrites.T0.plus(Duration.ofMinutes(10)),
                LoopStateWrites.T0);
        assertThatThrownBy(() -> store.workflows().create(run)).isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("run-long");

        Diagnosis d = LoopStateWrites.diagnosis(7);
        RootCandidate root = d.rootCandidates().getFirst();
        Diagnosis longRoot = new Diagnosis(d.incidentId(), d.category(), d.confidence(), d.severity(), d.causes(),
                TOO_LONG, List.of(new RootCandidate(TOO_LONG, root.failingSince(), root.failingDependents(),
                        root.score(), root.reason())), d.impact(), d.explanations(), d.classifierVersion(), d.diagnosedAt());
        assertThatThrownBy(() -> store.diagnoses().save(longRoot)).isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining(d.incidentId());

        LoopStateWrites.write(store.incidents(), store.diagnoses(), store.workflows(), 1);
        LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), 1);
        assertThat(store.workflows().find("run-long")).isEmpty();
        assertThat(store.diagnoses().byIncident(d.incidentId())).isEmpty();
        assertThat(store.loopStateStats().pendingWrites()).as("nothing was spooled as if the database were away").isZero();
    }
}
