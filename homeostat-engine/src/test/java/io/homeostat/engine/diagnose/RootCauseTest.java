package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.graph.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RootCauseTest {

    private static final DependencyGraph GRAPH = DependencyGraph.of(Map.of(
            "triage", Set.of("pharmaguard", "llm:openai"),
            "pharmaguard", Set.of("db:primary")));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);
    private final RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
    private final Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).graph(GRAPH)
            .clock(clock).build();

    @Test
    void aCascadeFromTheDatabaseNamesTheDatabaseAsRoot() {
        cascade();
        // detectors notice the busy caller first: the incident opened on triage
        var incident = trouble.incident(Severity.HIGH, "triage", "pharmaguard", "db:primary");

        Diagnosis d = diagnoser.diagnose(incident, List.of(
                trouble.threshold("triage", "error.rate", "errors", 0.4, Severity.HIGH)));

        assertThat(d.rootService()).isEqualTo("db:primary");
        assertThat(d.rootCandidates()).extracting(RootCandidate::service)
                .containsExactly("db:primary", "pharmaguard", "triage");
        assertThat(d.rootCandidates().getFirst().failingDependents()).isEqualTo(2);
        assertThat(d.rootCandidates().getFirst().score()).isEqualTo(1.0);
        assertThat(d.rootCandidates().getFirst().reason()).contains("(first)", "2 of 2 other failing services");
        assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(d.causes().getFirst().cause()).isEqualTo("connection pool exhaustion");
        assertThat(d.impact().affectedServices()).containsExactly("db:primary", "triage", "pharmaguard");
    }

    @Test
    void theDatabaseIsRootEvenWhenOnlyItsCallersHaveDetections() {
        cascade();
        var incident = trouble.incident(Severity.HIGH, "triage", "pharmaguard");

        Diagnosis d = diagnoser.diagnose(incident, List.of());

        assertThat(d.rootService()).isEqualTo("db:primary");
        assertThat(d.impact().affectedServices()).contains("db:primary", "pharmaguard", "triage");
    }

    @Test
    void withoutADependencyTheServiceThatFailedFirstRanksFirst() {
        recent.observe(trouble.failure("reports", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "Read timed out"));
        clock.advance(Duration.ofSeconds(30));
        recent.observe(trouble.failure("billing", ErrorCategory.UNAVAILABLE, "http.503", "Service Unavailable"));
        // billing's detection came first and opened the incident
        var incident = trouble.incident(Severity.MEDIUM, "billing", "reports");

        Diagnosis d = diagnoser.diagnose(incident, List.of());

        assertThat(d.rootCandidates()).extracting(RootCandidate::service).containsExactly("reports", "billing");
        assertThat(d.rootCandidates()).extracting(RootCandidate::failingDependents).containsExactly(0, 0);
        assertThat(d.rootCandidates().get(0).score()).isGreaterThan(d.rootCandidates().get(1).score());
        assertThat(d.rootCandidates().get(1).reason()).contains("PT30S after the first");
    }

    @Test
    void aCallerThatFailedBeforeItsDependencyStillRanksTheDependencyFirstButCloser() {
        recent.observe(trouble.failure("triage", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "Read timed out"));
        clock.advance(Duration.ofSeconds(20));
        recent.observe(trouble.failure("db:primary", ErrorCategory.TIMEOUT, "java.sql.SQLTimeoutException",
                "canceling statement due to statement timeout"));
        var incident = trouble.incident(Severity.MEDIUM, "triage", "db:primary");

        Diagnosis d = diagnoser.diagnose(incident, List.of());

        assertThat(d.rootCandidates()).extracting(RootCandidate::service).containsExactly("db:primary", "triage");
        assertThat(d.rootCandidates().get(0).score()).isEqualTo(RootRanking.DEPENDENTS_WEIGHT);
        assertThat(d.rootCandidates().get(1).score()).isEqualTo(RootRanking.EARLINESS_WEIGHT);
    }

    @Test
    void aSingleServiceIsItsOwnRoot() {
        recent.observe(trouble.failure("search", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "Read timed out"));

        Diagnosis d = diagnoser.diagnose(trouble.incident(Severity.LOW, "search"), List.of());

        assertThat(d.rootService()).isEqualTo("search");
        assertThat(d.rootCandidates()).singleElement().extracting(RootCandidate::score).isEqualTo(1.0);
    }

    @Test
    void aDependencyThatFailedAndRecoveredBeforeTheIncidentIsNotItsRoot() {
        // db:primary dropped its connections for 5 s three minutes ago, then answered again.
        for (int i = 0; i < 5; i++) {
            recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                    "org.postgresql.util.PSQLException", "Connection to 10.0.0.5:5432 refused."));
            clock.advance(Duration.ofSeconds(1));
        }
        recent.observe(trouble.success("db:primary"));
        clock.advance(Duration.ofMinutes(3));
        // Now pharmaguard fails on its own.
        for (int i = 0; i < 5; i++) {
            recent.observe(trouble.failure("pharmaguard", ErrorCategory.UNAVAILABLE, "http.503", "Service Unavailable"));
            clock.advance(Duration.ofSeconds(1));
        }
        var incident = trouble.incident(Severity.HIGH, "pharmaguard");

        Diagnosis d = diagnoser.diagnose(incident, List.of());

        assertThat(recent.failingSince("db:primary")).as("its failure is still within the look-back").isPresent();
        assertThat(d.rootService()).isEqualTo("pharmaguard");
        assertThat(d.rootCandidates()).extracting(RootCandidate::service).containsExactly("pharmaguard");
    }

    @Test
    void aDependencyStillFailingAfterEarlierSuccessesStaysTheRoot() {
        recent.observe(trouble.success("db:primary"));
        clock.advance(Duration.ofSeconds(1));
        cascade();
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection to 10.0.0.5:5432 refused."));
        clock.advance(Duration.ofSeconds(1));
        var incident = trouble.incident(Severity.HIGH, "triage", "pharmaguard");

        Diagnosis d = diagnoser.diagnose(incident, List.of());

        assertThat(d.rootService()).isEqualTo("db:primary");
    }

    /** db:primary refuses connections; 5 s later pharmaguard times out on it; 5 s later triage gets 503s. */
    private void cascade() {
        for (int i = 0; i < 5; i++) {
            recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                    "org.postgresql.util.PSQLException", "Connection to 10.0.0.5:5432 refused."));
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 5; i++) {
            recent.observe(trouble.failure("pharmaguard", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException",
                    "Read timed out"));
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 5; i++) {
            recent.observe(trouble.failure("triage", ErrorCategory.UNAVAILABLE, "http.503",
                    "pharmaguard answered 503 Service Unavailable"));
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
