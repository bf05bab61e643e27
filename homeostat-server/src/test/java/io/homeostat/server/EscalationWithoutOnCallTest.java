package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
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
        Guard openai = loop.guards().replace("llm:openai",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build());
        for (int i = 0; i < 3; i++) {
            catchThrowable(() -> openai.call(() -> {
                throw new IOException("503 from openai");
            }));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !loop.tracker().active().isEmpty());
        Incident incident = loop.tracker().active().getFirst();
        running.clock.advance(Duration.ofSeconds(32));
        loop.store().auditLog().flush();
        return loop.store().auditLog().query(AuditQuery.between(RunningServer.START,
                running.clock.instant().plusSeconds(1)).target("incident:" + incident.id()))
                .stream().filter(r -> r.action().startsWith("recovery.escalation.")).toList();
    }
}
