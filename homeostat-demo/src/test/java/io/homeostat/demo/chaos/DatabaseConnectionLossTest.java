package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.WriterStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 2, the database goes away in the middle of a recovery (H2 as a TCP server, stopped and
 * started again; PostgreSQL, the store's login refused and its sessions ended). The loop keeps
 * ticking (a stage that cannot read its store is counted, the later stages still run, and the next
 * tick tries again), users keep being served (guards do not need the store), audit records written
 * meanwhile (the operators' own, seeded) go to the spool, and so do the loop's own incident,
 * timeline, diagnosis and run writes (the store's loop-state spool, readable while they wait); when
 * the database is back the store reconnects at once (a broken pooled connection is evicted on its
 * first failure), both spools replay, the verification of the failover carries on and the incident
 * resolves. Every audit record appended is in the database exactly once.
 *
 * <p>Recovery itself pauses while the database is away: a step's claim (what keeps an action from
 * running twice) needs the database, so the recovery stage fails and is retried on the next tick.
 */
@Timeout(90)
class DatabaseConnectionLossTest {

    private static final long SEED = 8_002L;
    private static final List<String> PROVIDERS = List.of("llm:openai", "llm:deepseek", "llm:gemini");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void theStoreReconnectsTheSpoolReplaysAndNoAuditRecordIsLost(String kind) {
        ManualClock clock = ManualClock.at(ChaosRig.T0);
        ProviderRoute llm = ProviderRoute.of("llm", PROVIDERS);
        Random random = new Random(SEED);
        try (ChaosDatabase database = kind.equals("h2") ? ChaosDatabase.h2(dir) : ChaosDatabase.postgres();
                JdbcStore store = JdbcStore.open(database.config(dir.resolve("spool")), clock.scheduler());
                ChaosRig rig = ChaosRig.builder().clock(clock).route(llm).ports(ChaosRig.Ports.of(store)).build()) {
            Map<String, Upstream> upstreams = new LinkedHashMap<>();
            PROVIDERS.forEach(p -> upstreams.put(p, new Upstream(p, clock, SEED)));
            Triage triage = new Triage(rig.guards::guard, llm, upstreams, clock, SEED);
            CountingAuditLog audit = (CountingAuditLog) rig.ports.audit();
            rig.seconds(20, () -> triage.requests(20));
            upstreams.get("llm:openai").errorRate(0.5);
            rig.seconds(5, () -> triage.requests(20));
            WorkflowRun run = rig.ports.runs().active().getFirst();
            assertThat(run.workflow()).isEqualTo("ai-provider-failure");

            database.cut();
            int operatorRecords = 0;
            for (int second = 0; second < 8; second++) {
                rig.second(() -> triage.requests(20));
                for (int i = random.nextInt(4); i > 0; i--, operatorRecords++) {
                    audit.append(AuditRecord.of("op-" + operatorRecords, clock.instant(), "operator", "flags.read",
                            "recovery", "looked at the flags during the outage", Map.of()));
                }
            }
            audit.flush(); // durable now, in the spool: the database is still away
            assertThat(store.stats().spooledRecords()).as("written while the database was away").isPositive();
            assertThat(rig.loop.stageFailures().get("recovery")).as("ticks whose recovery could not read its runs")
                    .isPositive();
            assertThat(operatorRecords).isPositive();
            assertThat(triage.failedWithoutGuidance).as("users are served while the store is away").isZero();

            database.restore();
            // a pooled connection the cut broke is evicted on its first failure (BrokenConnections), so
            // polling fast, within Hikari's 0.5 s validation bypass, still reconnects
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> rig.ports.incidents().list(IncidentQuery.all()).size() == 1);
            rig.seconds(60, () -> triage.requests(20));
            store.flush();

            assertThat(rig.ports.runs().find(run.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
            assertThat(rig.ports.incidents().find(run.incidentId()).orElseThrow().status())
                    .isEqualTo(IncidentStatus.RESOLVED);
            WriterStats stats = store.stats();
            assertThat(stats.replayedRecords()).isEqualTo(stats.spooledRecords());
            assertThat(stats.droppedRecords()).isZero();
            assertThat(stats.spool().pendingEntries()).isZero();
            List<AuditRecord> stored = store.auditLog().query(AuditQuery.between(Instant.EPOCH,
                    clock.instant().plusSeconds(1)).limit(AuditQuery.DEFAULT_LIMIT));
            assertThat(stored).extracting(AuditRecord::id).as("every audit record, once")
                    .containsExactlyInAnyOrderElementsOf(audit.appended);
            assertThat(stored).filteredOn(r -> r.actor().equals("operator")).hasSize(operatorRecords);
            assertThat(triage.failedWithoutGuidance).isZero();
        }
    }
}
