package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.ProviderRoute;
import io.homeostat.engine.execute.AutomationMode;
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
 * The server configures no on-call rotation, so alerting declines every escalation; what recovery
 * hands to people (a hold, what monitor mode would have done) is still audited as
 * {@code escalation.<trigger>} saying nobody was paged and why (and logged at WARN).
 */
class EscalationWithoutOnCallTest {

    @TempDir
    Path data;

    @Test
    void aRunHeldByTheKillSwitchIsAuditedAsAnEscalationNobodyWasPagedFor() {
        try (RunningServer running = new RunningServer(data, LoopOptions.defaults().withRoute(route()))) {
            running.server.loop().recovery().flags().kill(true);

            List<AuditRecord> trail = escalationsAfterAnOpenBreaker(running);

            assertThat(trail).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("recovery.escalation.needs_person");
                assertThat(r.reason()).contains("kill switch", "nobody paged: no on-call rotation is configured");
            });
        }
    }

    @Test
    void monitorModeTellsPeopleWhatItWouldHaveDone() {
        try (RunningServer running = new RunningServer(data, LoopOptions.defaults().withRoute(route()))) {
            running.server.loop().recovery().flags().mode(AutomationMode.MONITOR);

            List<AuditRecord> trail = escalationsAfterAnOpenBreaker(running);

            assertThat(trail).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("recovery.escalation.needs_person");
                assertThat(r.reason()).contains("monitor mode", "would run failover",
                        "nobody paged: no on-call rotation is configured");
            });
        }
    }

    private static ProviderRoute route() {
        return ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
    }

    private static List<AuditRecord> escalationsAfterAnOpenBreaker(RunningServer running) {
        ControlLoop loop = running.server.loop();
        Incident incident = running.openBreaker("llm:openai");
        running.clock.advance(Duration.ofSeconds(32));
        loop.store().auditLog().flush();
        return loop.store().auditLog().query(AuditQuery.between(RunningServer.START,
                running.clock.instant().plusSeconds(1)).target("incident:" + incident.id()))
                .stream().filter(r -> r.action().startsWith("recovery.escalation.")).toList();
    }
}
