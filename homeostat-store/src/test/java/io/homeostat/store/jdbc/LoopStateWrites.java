package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Explanation;
import io.homeostat.engine.diagnose.Impact;
import io.homeostat.engine.diagnose.ProbableCause;
import io.homeostat.engine.diagnose.RootCandidate;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control loop's writes for one incident {@code k}, as the tracker, the diagnosis stage and
 * the orchestrator make them: the incident saved, its opening entry, a diagnosis, the incident
 * diagnosed, a run created, acting, its step started and succeeded, the run done, the incident
 * resolved — {@value #WRITES_PER_INCIDENT} writes, each made as the one before it left things —
 * and the checks that find each of them once, in order, in its last state. Stateless.
 */
final class LoopStateWrites {

    static final int WRITES_PER_INCIDENT = 12;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private LoopStateWrites() {}

    static String incidentId(int k) {
        return "inc-" + k;
    }

    static String runId(int k) {
        return "run-" + k;
    }

    /** Makes the writes of incident {@code k}, in order. */
    static void write(IncidentStore incidents, DiagnosisStore diagnoses, WorkflowStore workflows, int k) {
        incidents.save(opened(k));
        incidents.append(incidentId(k), timeline(k).get(0));
        diagnoses.save(diagnosis(k));
        incidents.update(diagnosed(k));
        incidents.append(incidentId(k), timeline(k).get(1));
        WorkflowRun run = created(k);
        workflows.create(run);
        run = acting(k);
        workflows.update(run);
        workflows.append(steps(k).get(0));
        workflows.append(steps(k).get(1));
        workflows.update(done(k));
        incidents.update(resolved(k));
        incidents.append(incidentId(k), timeline(k).get(2));
    }

    /** Asserts that everything incident {@code k}'s writes made reads back once, in order, in its last state. */
    static void assertFound(IncidentStore incidents, DiagnosisStore diagnoses, WorkflowStore workflows, int k) {
        assertThat(incidents.find(incidentId(k))).as("incident %d", k).contains(resolved(k));
        assertThat(incidents.timeline(incidentId(k))).as("timeline of incident %d", k).isEqualTo(timeline(k));
        assertThat(diagnoses.byIncident(incidentId(k))).as("diagnoses of incident %d", k).containsExactly(diagnosis(k));
        assertThat(diagnoses.latest(incidentId(k))).contains(diagnosis(k));
        assertThat(workflows.find(runId(k))).as("run %d", k).contains(done(k));
        assertThat(workflows.steps(runId(k))).as("steps of run %d", k).isEqualTo(steps(k));
        assertThat(workflows.activeFor(incidentId(k))).as("run %d is done", k).isEmpty();
    }

    /** Asserts that the database holds the rows of incidents {@code 0 .. count - 1} exactly once each. */
    static void assertRowsExactlyOnce(JdbcStore store, int count) {
        assertThat(TestDatabases.count(store, "incident")).as("incidents").isEqualTo(count);
        assertThat(TestDatabases.count(store, "incident_timeline")).as("timeline entries").isEqualTo(3L * count);
        assertThat(TestDatabases.count(store, "diagnosis")).as("diagnoses").isEqualTo(count);
        assertThat(TestDatabases.count(store, "workflow_run")).as("runs").isEqualTo(count);
        assertThat(TestDatabases.count(store, "workflow_step")).as("step records").isEqualTo(2L * count);
    }

    private static Instant at(int k, int millis) {
        return T0.plusSeconds(k).plusMillis(millis);
    }

    static Incident opened(int k) {
        return Incident.builder().id(incidentId(k)).fingerprint("svc-" + k + "|errors|rate")
                .addFingerprint("db:primary|latency|p95").title("errors on svc-" + k + " \"quoted\" – ünïcode")
                .services(List.of("svc-" + k, "db:primary")).severity(Severity.HIGH)
                .openedAt(at(k, 0)).updatedAt(at(k, 0)).detectionCount(1).build();
    }

    static Incident diagnosed(int k) {
        return opened(k).toBuilder().status(IncidentStatus.DIAGNOSED).severity(Severity.CRITICAL).detectionCount(3)
                .updatedAt(at(k, 2)).build();
    }

    static Incident resolved(int k) {
        return diagnosed(k).toBuilder().status(IncidentStatus.RESOLVED).resolvedAt(at(k, 9)).updatedAt(at(k, 9))
                .build();
    }

    static List<TimelineEntry> timeline(int k) {
        return List.of(
                TimelineEntry.ofDetection(at(k, 0), TimelineEntry.Type.OPENED, "opened by detector", "det-" + k,
                        Map.of("rate", "0.12")),
                TimelineEntry.of(at(k, 2), TimelineEntry.Type.STATUS_CHANGED, "diagnosed: database", Map.of()),
                TimelineEntry.of(at(k, 9), TimelineEntry.Type.STATUS_CHANGED, "resolved", Map.of("by", "homeostat")));
    }

    static Diagnosis diagnosis(int k) {
        return new Diagnosis(incidentId(k), DiagnosisCategory.DATABASE, 0.9375, Severity.CRITICAL,
                List.of(new ProbableCause("connection pool exhaustion", DiagnosisCategory.DATABASE, 0.85,
                        List.of("database-pool", "database-timeout"))),
                "db:primary",
                List.of(new RootCandidate("db:primary", at(k, 0).plusNanos(123_000), 2, 1.0, "failing first")),
                new Impact(new LinkedHashSet<>(List.of("db:primary", "svc-" + k)), 0.4375, Impact.Basis.CALLS_RATE),
                List.of(new Explanation("database-pool", DiagnosisCategory.DATABASE, 0.85, true, 3,
                        Set.of("db:primary"), List.of("pool exhausted 3 times"))),
                "taxonomy-1", at(k, 1).plusNanos(456_000));
    }

    static WorkflowRun created(int k) {
        return WorkflowRun.start(runId(k), incidentId(k), "restart-pool", "db:primary", TriggerType.ERROR_THRESHOLD,
                at(k, 3), at(k, 3).plus(Duration.ofMinutes(10)), at(k, 3));
    }

    static WorkflowRun acting(int k) {
        return created(k).step(StepState.ACTING, 1, at(k, 4), at(k, 4), at(k, 4));
    }

    static WorkflowRun done(int k) {
        return acting(k).moved(RunPhase.SUCCEEDED, "recovered", at(k, 8));
    }

    static List<StepRecord> steps(int k) {
        return List.of(
                new StepRecord(runId(k), 0, "restart", 1, "restart-pool", StepPhase.STARTED, at(k, 5), "", Map.of(),
                        Map.of("pool", "primary"), ""),
                new StepRecord(runId(k), 0, "restart", 1, "restart-pool", StepPhase.SUCCEEDED, at(k, 6), "restarted",
                        Map.of("undo", "none"), Map.of(), ""));
    }
}
