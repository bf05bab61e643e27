package io.homeostat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.FaultResult;
import io.homeostat.demo.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, shortened: the embedded server, the upstreams on loopback, the healer and
 * 30 s of traffic at 30 requests a second with two faults (an AI provider outage and a database
 * connection loss). Both are detected, diagnosed on the right service and recovered without a
 * person; no user saw an error without guidance, nothing broke the safety policy, no audit record
 * was lost.
 */
class DemoRunTest {

    @Test
    void twoFaultsAreDetectedDiagnosedAndRecoveredWithNothingUnsafeAndNothingLost(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("chaos.yaml");
        Files.writeString(scenario, """
                name: two faults
                faults:
                  - {name: provider outage, kind: outage, target: "llm:openai", at: 6s, for: 8s}
                  - {name: connection loss, kind: connection_loss, target: "db:primary", at: 18s, for: 3s}
                """);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoOptions options = new DemoOptions(Duration.ofSeconds(30), 30, Optional.of(scenario), true, 0, 5,
                dir.resolve("report"));
        RunReport report;
        try (DemoRun run = DemoRun.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8), Scheduler.system())) {
            run.await();
            report = run.finish();
        }
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(report.faults()).hasSize(2);
        for (FaultResult fault : report.faults()) {
            assertThat(fault.detected()).as(fault.name() + " detected\n" + output).isTrue();
            assertThat(fault.mttdMillis()).as(fault.name() + " MTTD").isLessThan(5_000);
            assertThat(fault.rootCorrect()).as(fault.name() + " root\n" + output).isTrue();
            assertThat(fault.recovered()).as(fault.name() + " recovered").isTrue();
            assertThat(fault.neededPerson()).as(fault.name() + " needed a person\n" + output).isFalse();
            assertThat(fault.actions()).as(fault.name() + " actions").isNotEmpty();
        }
        assertThat(report.faults().get(0).actions()).contains("failover");
        assertThat(report.faults().get(1).actions()).contains("reset_pool");
        assertThat(report.unguidedErrors()).isZero();
        assertThat(report.safetyViolations()).isZero();
        assertThat(report.auditWritten()).isGreaterThan(600);
        assertThat(report.auditLost()).isZero();
        assertThat(report.healerAuditAppended()).isPositive();
        assertThat(report.healerAuditLost()).isZero();
        assertThat(output).contains("admin token  hst_", "dashboard    http://127.0.0.1:");
        assertThat(dir.resolve("report/report.json")).exists();
        assertThat(Files.readString(dir.resolve("report/report.md"))).contains("| provider outage (outage) | llm:openai |");
    }
}
