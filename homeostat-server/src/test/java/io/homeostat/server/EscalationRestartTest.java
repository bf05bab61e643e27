package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.OpenEscalation;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalations the server follows outlive a clean restart over the same data directory (table
 * {@code open_escalation}): the next start goes on at the level reached instead of paging the
 * first level again, and ends at once one whose incident closed while the store could not take
 * its removal.
 */
class EscalationRestartTest {

    @TempDir
    Path data;

    private Path config() throws IOException {
        return Files.writeString(data.resolve("homeostat.yaml"), """
                alerting:
                  receivers:
                    - name: ops
                      log: true
                    - name: pager
                      log: true
                  route:
                    receiver: ops
                  oncall:
                    - {level: primary, receiver: pager, people: [alice], shift: 7d, start: 2026-01-05T09:00:00Z}
                    - {level: incident-response, receiver: pager, people: [bob], shift: 7d, start: 2026-01-05T09:00:00Z}
                """);
    }

    /** A server started as {@code homeostat server --config}, a new process on a clock of its own. */
    private HomeostatServer start() throws IOException {
        UnaryOperator<ServerConfig> overrides = fromFile -> fromFile.withAddress("127.0.0.1", 0).withDataDirectory(data);
        Path file = config();
        ServerConfig config = overrides.apply(ServerConfigFile.apply(file, ServerConfig.defaults()));
        return HomeostatServer.start(config, HomeostatServer.embeddedStore(config),
                ManualClock.at(RunningServer.START).scheduler(), LoopOptions.defaults(), file, overrides);
    }

    @Test
    void anEscalationOutlivesARestartAndOneOfAnIncidentClosedMeanwhileEndsAtStart() throws IOException {
        String incident;
        try (HomeostatServer first = start()) {
            incident = RunningServer.openBreaker(first, "payments").id();
            first.loop().alerting().escalate(EscalationRequest.critical(incident, "payments", "payments down"));
            assertThat(first.loop().alerting().escalated()).containsExactly(incident);
        }
        // Overdue: it would climb at once if it were followed again.
        OpenEscalation stale = new OpenEscalation("inc-closed-meanwhile", "orders", Severity.CRITICAL, "orders down", 0,
                false, false, Set.of(EscalationTrigger.CRITICAL), Optional.of(RunningServer.START.minus(Duration.ofMinutes(5))));
        try (JdbcStore store = JdbcStore.open(HomeostatServer.embeddedStore(ServerConfig.defaults().withDataDirectory(data)),
                ManualClock.at(RunningServer.START).scheduler())) {
            assertThat(store.activeAlerts().escalations()).extracting(OpenEscalation::key).containsExactly(incident);
            store.activeAlerts().saveEscalation(stale);
        }

        try (HomeostatServer second = start()) {
            assertThat(second.loop().alerting().escalated()).as("the closed incident's escalation ended")
                    .containsExactly(incident);
            EscalationDecision again = second.loop().alerting()
                    .escalate(EscalationRequest.critical(incident, "payments", "payments down"));
            assertThat(again.escalated()).as("not paged again from the first level").isFalse();
            assertThat(again.reason()).isEqualTo("already escalated at level 1");
            // The removal is written by the alert store's writer, on a thread of its own.
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(second.loop().store().activeAlerts().escalations()).extracting(OpenEscalation::key)
                            .containsExactly(incident));
        }
    }
}
