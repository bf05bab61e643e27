package io.homeostat.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.demo.report.CallRecord.Outcome;
import io.homeostat.demo.scenario.FaultKind;
import io.homeostat.demo.scenario.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's figures, computed from a hand-made record of a run. */
class RunReportTest {

    private static final FaultSpec OUTAGE = FaultSpec.of("provider outage", FaultKind.OUTAGE, "llm:openai",
            Duration.ofSeconds(10), Duration.ofSeconds(20));
    private static final FaultSpec CASCADE = FaultSpec.of("cascade", FaultKind.CASCADE, "db:primary",
            Duration.ofSeconds(60), Duration.ofSeconds(10));
    private static final FaultSpec SPIKE = FaultSpec.of("latency spike", FaultKind.LATENCY_SPIKE, "care_locator",
            Duration.ofSeconds(100), Duration.ofSeconds(10));

    private final List<CallRecord> calls = new ArrayList<>();

    private void calls(String service, long fromMillis, long toMillis, Outcome outcome, long micros) {
        for (long t = fromMillis; t < toMillis; t += 100) {
            calls.add(new CallRecord(t, service, outcome, outcome == Outcome.PRIMARY ? "primary" : "cache", micros, false));
        }
    }

    private RecordedRun run(List<IncidentRecord> incidents, List<Long> auditLost) {
        return new RecordedRun("test", 7, 150_000, List.of(new FaultRecord(OUTAGE, 10_000, 30_000),
                new FaultRecord(CASCADE, 60_000, 70_000), new FaultRecord(SPIKE, 100_000, 110_000)), incidents, calls,
                1000, 950, 3, 1000, 1000 - auditLost.size(), auditLost, 40, 40,
                Map.of("db:primary", Set.of("pharmaguard", "care_locator")));
    }

    private static IncidentRecord incident(String id, String service, long opened, String root, long escalated,
            String... actions) {
        return new IncidentRecord(id, service, "threshold", opened, root, root.isEmpty() ? "" : "integration",
                root.isEmpty() ? -1 : opened + 1000, opened + 20_000, escalated, List.of(actions),
                List.of(actions).contains("failover") ? opened + 2000 : -1);
    }

    @Test
    void perFaultDetectionDiagnosisRecoveryAndWhoFixedIt() {
        calls("llm", 0, 150_000, Outcome.PRIMARY, 2000);
        calls("llm", 10_000, 10_600, Outcome.GUIDED_ERROR, 1000);
        calls("llm", 10_600, 30_000, Outcome.FALLBACK, 300);
        calls("pharmaguard", 60_000, 72_000, Outcome.GUIDED_ERROR, 100);
        calls("care_locator", 100_000, 110_000, Outcome.FALLBACK, 50);
        List<IncidentRecord> incidents = List.of(
                incident("a", "llm:openai", 10_400, "llm:openai", -1, "failover", "alert"),
                incident("b", "pharmaguard", 61_000, "db:primary", -1, "reprobe"),
                incident("c", "db:primary", 62_000, "db:primary", 80_000),
                incident("d", "xray_analysis", 40_000, "xray_analysis", -1));

        RunReport report = RunReport.of(run(incidents, List.of(65_000L, 140_000L)));

        FaultResult outage = report.faults().get(0);
        assertThat(outage.mttdMillis()).isEqualTo(400);
        assertThat(outage.diagnosedRoot()).isEqualTo("llm:openai");
        assertThat(outage.rootCorrect()).isTrue();
        assertThat(outage.actions()).containsExactly("failover", "alert");
        assertThat(outage.fixMillis()).isEqualTo(2400);
        assertThat(outage.mttrMillis()).as("last failure 10.5 s").isEqualTo(500);
        assertThat(outage.userFailures()).isEqualTo(6);
        assertThat(outage.neededPerson()).isFalse();

        FaultResult cascade = report.faults().get(1);
        assertThat(cascade.mttdMillis()).as("the dependent's incident counts").isEqualTo(1000);
        assertThat(cascade.diagnosedRoot()).isEqualTo("db:primary");
        assertThat(cascade.rootCorrect()).isTrue();
        assertThat(cascade.mttrMillis()).isEqualTo(11_900);
        assertThat(cascade.fixMillis()).as("a re-probe fixes nothing").isEqualTo(-1);
        assertThat(cascade.auditLost()).isEqualTo(1);
        assertThat(cascade.neededPerson()).as("escalated").isTrue();

        FaultResult spike = report.faults().get(2);
        assertThat(spike.detected()).isFalse();
        assertThat(spike.mttrMillis()).as("users never failed").isZero();
        assertThat(spike.auditLost()).as("140 s is past 30 s after the spike").isZero();

        assertThat(report.falseNegatives()).isEqualTo(1);
        assertThat(report.falsePositives()).as("the xray incident belongs to no fault").isEqualTo(1);
        assertThat(report.incidents()).isEqualTo(4);
        assertThat(report.mttdP50Millis()).isEqualTo(400);
        assertThat(report.mttdP95Millis()).isEqualTo(1000);
        assertThat(report.mttrP50Millis()).as("of the two recovered without a person: 0 and 500").isEqualTo(0);
        assertThat(report.fixP50Millis()).isEqualTo(2400);
        assertThat(report.diagnosisAccuracy()).isEqualTo(1.0);
        assertThat(report.neededPerson()).isEqualTo(1.0 / 3);
        assertThat(report.recoveredWithoutPerson()).isEqualTo(2.0 / 3);
        assertThat(report.availability()).isEqualTo(0.95);
        assertThat(report.auditLost()).isEqualTo(2);
        assertThat(report.unguidedErrors()).isZero();
        assertThat(report.fallbackCalls()).isEqualTo(194 + 100);
        assertThat(report.fallbackP50Micros()).isEqualTo(300);
        assertThat(report.fallbackP95Micros()).isEqualTo(300);
    }

    @Test
    void unguidedErrorsAndViolationsAreCountedPerFaultAndAFaultStillFailingAtTheEndIsNotRecovered() {
        calls("pharmaguard", 0, 150_000, Outcome.PRIMARY, 100);
        calls.add(new CallRecord(61_000, "care_locator", Outcome.UNGUIDED_ERROR, "", 10, false));
        calls.add(new CallRecord(62_000, "pharmaguard", Outcome.FALLBACK, "cache", 10, true));
        calls("care_locator", 100_000, 150_000, Outcome.GUIDED_ERROR, 10);

        RunReport report = RunReport.of(run(List.of(), List.of()));

        assertThat(report.faults().get(1).unguidedErrors()).isEqualTo(1);
        assertThat(report.faults().get(1).safetyViolations()).isEqualTo(1);
        assertThat(report.faults().get(2).recovered()).isFalse();
        assertThat(report.faults().get(2).neededPerson()).isTrue();
        assertThat(report.unguidedErrors()).isEqualTo(1);
        assertThat(report.safetyViolations()).isEqualTo(1);
        assertThat(report.mttdP50Millis()).isEqualTo(-1);
    }

    @Test
    void theTableMarkdownAndJsonCarryTheFigures() {
        calls("llm", 0, 1000, Outcome.PRIMARY, 10);
        RunReport report = RunReport.of(run(List.of(incident("a", "llm:openai", 10_400, "llm:openai", -1, "failover")),
                List.of()));

        assertThat(ReportWriter.table(report)).contains("provider outage (outage)", "0.4 s", "llm:openai (right)",
                "failover", "safety-policy violations");
        assertThat(ReportWriter.markdown(report)).contains("| provider outage (outage) | llm:openai | 10.0 s | 0.4 s |");
        assertThat(ReportWriter.json(report)).contains("\"mttdMillis\" : 400", "\"safetyViolations\" : 0");
    }
}
