package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.ControlledCache;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 8, the control plane dies in the middle of a recovery: an AI provider's error burst is
 * failed over, and while the failover is being verified the loop is dropped. A new loop over a new
 * store on the same database (embedded H2; PostgreSQL in a schema of its own) takes the run over where it stood, finishes the verification, warms
 * the cache and alerts, and resolves the same incident: every action ran exactly once across both
 * control planes. (A separate JVM killed with kill -9 is the store's own WorkflowCrashResumeTest.)
 */
@Timeout(120)
class ControlPlaneKilledTest {

    private static final long SEED = 8_008L;
    private static final List<String> PROVIDERS = List.of("llm:openai", "llm:deepseek", "llm:gemini");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aNewLoopOverTheSameStoreResumesTheRunAndNoActionRunsTwice(String kind) {
        try (ChaosDatabase postgres = kind.equals("postgresql") ? ChaosDatabase.postgres() : null) {
            StoreConfig config = postgres != null ? postgres.config(dir.resolve("spool")) : h2();
            resumes(config);
        }
    }

    private void resumes(StoreConfig config) {
        ManualClock clock = ManualClock.at(ChaosRig.T0);
        ProviderRoute llm = ProviderRoute.of("llm", PROVIDERS);
        AtomicInteger warmed = new AtomicInteger();
        try (JdbcStore first = JdbcStore.open(config, clock.scheduler());
                ChaosRig rig = ChaosRig.builder().clock(clock).route(llm).ports(ChaosRig.Ports.of(first))
                .cache("llm:openai", new ControlledCache() {
                    @Override
                    public int clear() {
                        return 0;
                    }

                    @Override
                    public int warm() {
                        return warmed.addAndGet(12);
                    }
                }).build()) {
            Map<String, Upstream> upstreams = new LinkedHashMap<>();
            PROVIDERS.forEach(p -> upstreams.put(p, new Upstream(p, clock, SEED)));
            Triage triage = new Triage(rig.guards::guard, llm, upstreams, clock, SEED);
            rig.seconds(20, () -> triage.requests(20));
            upstreams.get("llm:openai").errorRate(0.5);
            WorkflowRun run = null;
            for (int s = 0; s < 10 && run == null; s++) {
                rig.second(() -> triage.requests(20));
                run = rig.ports.runs().active().stream().findFirst().orElse(null);
            }
            assertThat(run).as("recovery started").isNotNull();
            rig.seconds(10, () -> triage.requests(20));
            WorkflowRun midway = rig.ports.runs().find(run.runId()).orElseThrow();
            assertThat(midway.stepState()).as("failed over, verifying").isEqualTo(StepState.VERIFYING);
            assertThat(rig.actions.of("failover")).hasSize(1);
            Incident incident = rig.loop.incidents().active().getFirst();

            first.close(); // the dead control plane's pool goes away with it (closing twice is harmless)
            try (JdbcStore second = JdbcStore.open(config, clock.scheduler())) {
                rig.restartLoop(ChaosRig.Ports.of(second));
                assertThat(rig.loop.incidents().active()).extracting(Incident::id).containsExactly(incident.id());
                rig.seconds(60, () -> triage.requests(20));

                WorkflowRun done = rig.ports.runs().find(run.runId()).orElseThrow();
                assertThat(done.phase()).isEqualTo(RunPhase.SUCCEEDED);
                assertThat(rig.ports.incidents().find(incident.id()).orElseThrow().status())
                        .isEqualTo(IncidentStatus.RESOLVED);
                assertThat(rig.actions.runs).extracting(ActionCounter.Ran::key).as("no action ran twice")
                        .doesNotHaveDuplicates();
                assertThat(rig.actions.runs).extracting(ActionCounter.Ran::action)
                        .containsExactly("failover", "warm_cache", "alert");
                assertThat(warmed).hasValue(12);
                assertThat(llm.current()).isEqualTo("llm:deepseek");
                second.flush();
                List<AuditRecord> trail = second.auditLog().query(AuditQuery.between(Instant.EPOCH,
                        clock.instant().plusSeconds(1)).target("incident:" + incident.id()));
                assertThat(trail).extracting(AuditRecord::action).containsSubsequence("recovery.run.started",
                        "recovery.step.acted").contains("recovery.run.resumed", "recovery.run.succeeded");
                assertThat(triage.failedWithoutGuidance).isZero();
            }
        }
    }

    private StoreConfig h2() {
        return StoreConfig.defaults().withJdbc("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa", "")
                .withSpool(dir.resolve("spool"), 64L << 20);
    }
}
