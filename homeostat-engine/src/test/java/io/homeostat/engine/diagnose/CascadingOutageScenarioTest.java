package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.diagnose.topology.DependencyLearner;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is declared: the graph is learned from the caller tag on ordinary traffic. Then the
 * primary database starts refusing connections; pharmaguard, which calls it, times out five
 * seconds later; triage, which calls pharmaguard, answers 503 five seconds after that. The
 * detectors notice triage first. One incident holds all three (correlated through the learned
 * graph), and its diagnosis names the database as the root, the database category, connection
 * pool exhaustion first, and the share of traffic the outage touches.
 */
class CascadingOutageScenarioTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
    private final DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty());
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).graph(learner).build();
    private final IncidentDetections detections = new IncidentDetections();
    private final Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).graph(learner)
            .clock(clock).build();

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void theDatabaseIsDiagnosedAsTheRootOfTheCascade() throws Exception {
        recent.attach(bus);
        learner.attach(bus);
        tracker.listen(detections);

        for (int second = 0; second < 10; second++) {
            call("pharmaguard", "db:primary");
            call("triage", "pharmaguard");
            call("triage", "llm:openai");
            call("web", "billing");
            tick();
        }
        rates(Map.of("db:primary", 50.0, "pharmaguard", 50.0, "triage", 40.0, "llm:openai", 20.0, "billing", 40.0));
        for (int second = 0; second < 15; second++) {
            fail("db:primary", "pharmaguard", ErrorCategory.CONNECTION_REFUSED, "org.postgresql.util.PSQLException",
                    "Connection to 10.0.0.5:5432 refused. Check that the hostname and port are correct");
            if (second >= 5) {
                fail("pharmaguard", "triage", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "Read timed out");
            }
            if (second >= 10) {
                fail("triage", "web", ErrorCategory.UNAVAILABLE, "http.503", "pharmaguard answered 503");
            }
            tick();
        }
        Incident incident = tracker.observe(trouble.threshold("triage", "error.rate", "errors", 0.6, Severity.HIGH))
                .orElseThrow();
        tracker.observe(trouble.threshold("pharmaguard", "error.rate", "errors", 0.9, Severity.HIGH));
        tracker.observe(trouble.threshold("db:primary", "error.rate", "errors", 1.0, Severity.CRITICAL));

        Diagnosis d = diagnoser.apply(tracker, incident, detections.of(incident.id()));

        assertThat(learner.get().isUpstreamOf("db:primary", "triage")).isTrue();
        assertThat(tracker.active()).singleElement().satisfies(i -> {
            assertThat(i.services()).containsExactly("triage", "pharmaguard", "db:primary");
            assertThat(i.status()).isEqualTo(IncidentStatus.DIAGNOSED);
        });
        assertThat(d.rootService()).isEqualTo("db:primary");
        assertThat(d.rootCandidates()).extracting(RootCandidate::service)
                .containsExactly("db:primary", "pharmaguard", "triage");
        assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.causes().getFirst().cause()).isEqualTo("connection pool exhaustion");
        assertThat(d.explanations().getFirst().rule()).isEqualTo("database-connection");
        assertThat(d.explanations().getFirst().evidence().getFirst()).contains("db:primary", "refused");
        // web calls triage (learned from the caller tag of triage's failures): affected, though not failing
        assertThat(d.impact().affectedServices()).containsExactly("db:primary", "triage", "pharmaguard", "web");
        assertThat(d.impact().basis()).isEqualTo(Impact.Basis.CALLS_RATE);
        assertThat(d.impact().trafficShare()).isEqualTo(140.0 / 200);
        assertThat(store.timeline(incident.id()).getLast().evidence()).containsEntry("rootService", "db:primary")
                .containsEntry("category", "database").containsEntry("trafficShare", "0.7");
    }

    private void call(String caller, String service) {
        bus.publish(new OperationOutcome(service, OperationOutcome.Status.SUCCESS, null, 2_000_000, null, clock.instant(),
                Map.of(DependencyLearner.CALLER_TAG, caller)));
    }

    private void fail(String service, String caller, ErrorCategory category, String type, String message) {
        bus.publish(new FailureEvent(service, category, type, message, clock.instant(),
                Map.of(DependencyLearner.CALLER_TAG, caller)));
    }

    private void rates(Map<String, Double> perSecond) {
        perSecond.forEach((service, rate) -> bus.publish(
                new MetricSample(service, "calls.rate", rate, clock.instant(), Map.of())));
    }

    private void tick() {
        bus.drain();
        clock.advance(Duration.ofSeconds(1));
    }
}
