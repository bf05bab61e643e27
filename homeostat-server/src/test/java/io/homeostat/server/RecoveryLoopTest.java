package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.ProviderRoute;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs the engine's whole loop over its store: an embedded application's guard in the
 * server's registry opens its breaker; the circuit detector opens an incident; after the settle
 * time it is diagnosed; the shipped AI-provider workflow fails over on the application's route;
 * the run is kept in the store's workflow table and every decision is in the audit trail.
 */
class RecoveryLoopTest {

    @TempDir
    Path data;

    @Test
    void anOpenBreakerOfAnEmbeddedGuardIsDiagnosedAndFailedOver() {
        ProviderRoute llm = ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
        try (RunningServer running = new RunningServer(data, LoopOptions.defaults().withRoute(llm))) {
            ControlLoop loop = running.server.loop();
            Incident incident = running.openBreaker("llm:openai");
            assertThat(llm.current()).as("nothing acts before diagnosis").isEqualTo("llm:openai");

            running.clock.advance(Duration.ofSeconds(32));

            assertThat(loop.diagnosis().latest(incident.id())).hasValueSatisfying(
                    d -> assertThat(d.rootService()).isEqualTo("llm:openai"));
            assertThat(llm.current()).as("failed over by the shipped workflow").isEqualTo("llm:anthropic");
            WorkflowRun run = loop.store().workflows().activeFor(incident.id()).orElseThrow();
            assertThat(run.workflow()).isEqualTo("ai-provider-failure");
            assertThat(loop.recovery().steps(run.runId())).isNotEmpty();
            loop.store().auditLog().flush();
            List<AuditRecord> trail = loop.store().auditLog().query(AuditQuery.between(RunningServer.START,
                    running.clock.instant().plusSeconds(1)).target("incident:" + incident.id()));
            assertThat(trail).extracting(AuditRecord::action).contains("recovery.run.started", "recovery.step.acted");
        }
    }
}
