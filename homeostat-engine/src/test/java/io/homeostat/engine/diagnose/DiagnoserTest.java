package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.IllegalIncidentTransitionException;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

    private static final DependencyGraph GRAPH = DependencyGraph.of(Map.of(
            "triage", Set.of("pharmaguard", "llm:openai"),
            "pharmaguard", Set.of("db:primary")));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);
    private final RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
    private final Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).graph(GRAPH)
            .clock(clock).build();

    @Test
    void anExplanationNamesTheRuleAndTheEvidenceItFiredOn() {
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection to 10.0.0.5:5432 refused."));

        Diagnosis d = diagnoser.diagnose(trouble.incident(Severity.HIGH, "db:primary"), List.of());

        Explanation top = d.explanations().getFirst();
        assertThat(top.rule()).isEqualTo("database-connection");
        assertThat(top.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(top.onRoot()).isTrue();
        assertThat(top.matches()).isEqualTo(1);
        assertThat(top.weight()).isEqualTo(0.85);
        assertThat(top.evidence()).singleElement().asString().contains("db:primary", "org.postgresql.util.PSQLException",
                "Connection to 10.0.0.5:5432 refused.", "exception type org.postgresql.util.PSQLException matches *sql*",
                "message contains \"connection\"");
        assertThat(top.summary()).startsWith("rule database-connection (database, 0.85) fired on 1 fact of [db:primary] (root)");
        assertThat(d.classifierVersion()).isEqualTo("diagnoser-1/default-1");
        assertThat(d.diagnosedAt()).isEqualTo(clock.instant());
    }

    @Test
    void replacedRulesServeTheNextDiagnosis() {
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection to 10.0.0.5:5432 refused."));
        Diagnosis before = diagnoser.diagnose(trouble.incident(Severity.HIGH, "db:primary"), List.of());

        diagnoser.replaceRules(io.homeostat.engine.diagnose.rule.DiagnosisRules.parse("site.yaml", """
                version: site-1
                rules:
                  - name: site-network
                    category: network
                    confidence: 0.9
                    when: {error-category: [connection_refused]}
                    causes: [{cause: the site firewall}]
                """));
        Diagnosis after = diagnoser.diagnose(trouble.incident(Severity.HIGH, "db:primary"), List.of());

        assertThat(before.explanations().getFirst().rule()).isEqualTo("database-connection");
        assertThat(after.explanations().getFirst().rule()).isEqualTo("site-network");
        assertThat(after.category()).isEqualTo(DiagnosisCategory.NETWORK);
        assertThat(after.classifierVersion()).isEqualTo("diagnoser-1/site-1");
        assertThat(before.classifierVersion()).isEqualTo("diagnoser-1/default-1");
    }

    @Test
    void anExplanationCountsEveryFactButQuotesOnlyAFewRootFirst() {
        recent.observe(trouble.failure("triage", ErrorCategory.UNKNOWN, "java.sql.SQLException", "connection lost"));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            recent.observe(trouble.failure("db:primary", ErrorCategory.UNKNOWN, "java.sql.SQLException",
                    "connection " + i + " closed"));
        }

        Diagnosis d = diagnoser.diagnose(trouble.incident(Severity.HIGH, "triage", "db:primary"), List.of());

        Explanation connection = d.explanations().stream().filter(e -> e.rule().equals("database-connection")).findFirst()
                .orElseThrow();
        assertThat(connection.matches()).isEqualTo(11);
        assertThat(connection.services()).containsExactly("triage", "db:primary");
        assertThat(connection.evidence()).hasSize(3).allSatisfy(quote -> assertThat(quote).contains("db:primary"));
    }

    @Test
    void aRuleThatFiredOnlyOnSymptomsCountsForLess() {
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection refused"));
        clock.advance(Duration.ofSeconds(5));
        recent.observe(trouble.failure("triage", ErrorCategory.UNAVAILABLE, "http.503", "Service Unavailable"));

        Diagnoser allCauses = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).graph(GRAPH).clock(clock)
                .config(new DiagnoserConfig(0.5, 50, 3)).build();

        Diagnosis d = allCauses.diagnose(trouble.incident(Severity.HIGH, "triage", "db:primary"), List.of());

        Explanation api = d.explanations().stream().filter(e -> e.rule().equals("api-server-error")).findFirst()
                .orElseThrow();
        assertThat(api.onRoot()).isFalse();
        assertThat(api.weight()).isEqualTo(0.7 * 0.5);
        assertThat(d.causes()).filteredOn(c -> c.cause().equals("remote API failing or overloaded"))
                .singleElement().extracting(ProbableCause::confidence).isEqualTo(0.7 * 0.5);
        assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
    }

    @Test
    void causesAreRankedAndBoundedByTheConfig() {
        recent.observe(trouble.failure("db:orders", ErrorCategory.TIMEOUT, "java.sql.SQLTransientConnectionException",
                "HikariPool-1 - Connection is not available, request timed out after 30000ms."));
        Diagnoser few = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).clock(clock)
                .config(new DiagnoserConfig(0.5, 2, 1)).build();

        Diagnosis d = few.diagnose(trouble.incident(Severity.MEDIUM, "db:orders"), List.of());

        assertThat(d.causes()).hasSize(2);
        assertThat(d.causes().get(0).confidence()).isGreaterThanOrEqualTo(d.causes().get(1).confidence());
        assertThat(d.explanations()).allSatisfy(e -> assertThat(e.evidence()).hasSize(1));
    }

    @Test
    void severityRisesToTheRulesOfTheCategoryButNeverFalls() {
        recent.observe(trouble.failure("reports", ErrorCategory.UNKNOWN, "java.lang.OutOfMemoryError", "Java heap space"));
        recent.observe(trouble.failure("search", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "Read timed out"));

        assertThat(diagnoser.diagnose(trouble.incident(Severity.LOW, "reports"), List.of()).severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(diagnoser.diagnose(trouble.incident(Severity.CRITICAL, "search"), List.of()).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void whenNoRuleFiresTheDiagnosisSaysSoWithZeroConfidence() {
        Diagnoser none = Diagnoser.builder(new RuleSet("empty", List.of())).signals(recent).clock(clock).build();
        recent.observe(trouble.failure("search", ErrorCategory.UNKNOWN, "java.lang.RuntimeException", "boom"));

        Diagnosis d = none.diagnose(trouble.incident(Severity.MEDIUM, "search"), List.of());

        assertThat(d.confidence()).isZero();
        assertThat(d.causes()).isEmpty();
        assertThat(d.explanations()).isEmpty();
        assertThat(d.summary()).endsWith("no rule fired");
        assertThat(d.classifierVersion()).isEqualTo("diagnoser-1/empty");
    }

    @Test
    void theShareOfTrafficComesFromCallsRate() {
        recent.observe(trouble.callsRate("triage", 100));
        recent.observe(trouble.callsRate("pharmaguard", 60));
        recent.observe(trouble.callsRate("db:primary", 60));
        recent.observe(trouble.callsRate("llm:openai", 40));
        recent.observe(trouble.callsRate("billing", 100));
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED, "java.sql.SQLException", "Connection refused"));

        Diagnosis d = diagnoser.diagnose(trouble.incident(Severity.HIGH, "db:primary"), List.of());

        assertThat(d.impact().affectedServices()).containsExactly("db:primary", "pharmaguard", "triage");
        assertThat(d.impact().basis()).isEqualTo(Impact.Basis.CALLS_RATE);
        assertThat(d.impact().trafficShare()).isCloseTo(220.0 / 360, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void withoutRatesTheShareOfTrafficComesFromOutcomeCounts() {
        for (int i = 0; i < 30; i++) {
            recent.observe(trouble.success("billing"));
        }
        for (int i = 0; i < 10; i++) {
            recent.observe(trouble.outcome("search", OperationOutcome.Status.TIMEOUT, ErrorCategory.TIMEOUT, Duration.ofSeconds(3)));
        }

        Diagnosis d = diagnoser.diagnose(trouble.incident(Severity.MEDIUM, "search"), List.of());

        assertThat(d.impact().basis()).isEqualTo(Impact.Basis.OUTCOME_COUNTS);
        assertThat(d.impact().trafficShare()).isEqualTo(0.25);
    }

    @Test
    void withNoTrafficSeenTheShareIsUnknown() {
        Diagnosis d = Diagnoser.builder(DiagnosisRules.defaults()).clock(clock).build()
                .diagnose(trouble.incident(Severity.MEDIUM, "search"),
                        List.of(trouble.threshold("search", "latency.p95", "latency", 900, Severity.MEDIUM)));

        assertThat(d.impact().basis()).isEqualTo(Impact.Basis.NONE);
        assertThat(d.impact().trafficShare()).isZero();
        assertThat(d.category()).isEqualTo(DiagnosisCategory.PERFORMANCE);
    }

    @Test
    void applyingADiagnosisMovesTheIncidentAndWritesItOnTheTimeline() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).graph(GRAPH).build();
        IncidentDetections detections = new IncidentDetections();
        tracker.listen(detections);
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection refused"));
        Incident incident = tracker.observe(trouble.threshold("pharmaguard", "error.rate", "errors", 0.3, Severity.HIGH))
                .orElseThrow();

        Diagnosis d = diagnoser.apply(tracker, incident, detections.of(incident.id()));

        assertThat(tracker.active()).singleElement().extracting(Incident::status).isEqualTo(IncidentStatus.DIAGNOSED);
        TimelineEntry entry = store.timeline(incident.id()).getLast();
        assertThat(entry.type()).isEqualTo(TimelineEntry.Type.STATUS_CHANGED);
        assertThat(entry.message()).contains("database", "db:primary", "connection pool exhaustion");
        assertThat(entry.evidence()).containsEntry("category", "database").containsEntry("rootService", "db:primary")
                .containsEntry("classifierVersion", "diagnoser-1/default-1").containsKey("causes");
        assertThat(entry.evidence().get("rules")).contains("database-connection");
        assertThat(d.rootService()).isEqualTo("db:primary");
        assertThatThrownBy(() -> diagnoser.apply(tracker, incident, List.of()))
                .isInstanceOf(IllegalIncidentTransitionException.class);
    }
}
