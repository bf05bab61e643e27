package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosisStageTest {

    private static final DependencyGraph GRAPH = DependencyGraph.of(Map.of("pharmaguard", Set.of("db:primary")));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);
    private final RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
    private final IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock)
            .graph(GRAPH).build();
    private final Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).graph(GRAPH)
            .clock(clock).build();
    private final DiagnosisStage stage = DiagnosisStage.attach(tracker, diagnoser, clock, Duration.ofSeconds(30));

    @Test
    void diagnosesAnIncidentOnceItHasSettledWithEveryDetectionThatJoinedIt() {
        List<Diagnosis> heard = new ArrayList<>();
        stage.listen(heard::add);
        recent.observe(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED, "java.sql.SQLException",
                "Connection refused"));
        Incident incident = tracker.observe(trouble.threshold("pharmaguard", "error.rate", "errors", 0.5, Severity.HIGH))
                .orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        stage.tick();
        assertThat(heard).isEmpty();
        tracker.observe(trouble.threshold("pharmaguard", "latency.p95", "latency", 3000, Severity.MEDIUM));

        clock.advance(Duration.ofSeconds(20));
        stage.tick();
        stage.tick();

        assertThat(heard).singleElement().satisfies(d -> {
            assertThat(d.incidentId()).isEqualTo(incident.id());
            assertThat(d.rootService()).isEqualTo("db:primary");
            assertThat(d.explanations()).extracting(Explanation::rule).contains("performance-latency-detection");
        });
        assertThat(tracker.active()).singleElement().extracting(Incident::status).isEqualTo(IncidentStatus.DIAGNOSED);
        assertThat(stage.latest(incident.id())).contains(heard.getFirst());
        assertThat(stage.failures()).isZero();
    }

    @Test
    void forgetsTheDiagnosisWhenTheIncidentResolves() {
        Incident incident = tracker.observe(trouble.threshold("orders", "error.rate", "errors", 0.5, Severity.HIGH))
                .orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        stage.tick();
        assertThat(stage.latest(incident.id())).isPresent();

        tracker.resolve(incident.id(), "alice", "fixed by hand");

        assertThat(stage.latest(incident.id())).isEmpty();
    }

    @Test
    void aListenerThatThrowsIsCountedAndOthersStillHear() {
        List<Diagnosis> heard = new ArrayList<>();
        stage.listen(d -> {
            throw new IllegalStateException("listener bug");
        });
        stage.listen(heard::add);
        tracker.observe(trouble.threshold("orders", "error.rate", "errors", 0.5, Severity.HIGH));
        clock.advance(Duration.ofSeconds(30));

        stage.tick();

        assertThat(heard).hasSize(1);
        assertThat(stage.failures()).isEqualTo(1);
    }

    @Test
    void ticksOnTheScheduler() {
        Incident incident = tracker.observe(trouble.threshold("orders", "error.rate", "errors", 0.5, Severity.HIGH))
                .orElseThrow();
        Cancellable ticking = stage.start(clock.scheduler(), Duration.ofSeconds(10));
        try {
            clock.advance(Duration.ofSeconds(40));
        } finally {
            ticking.cancel();
        }

        assertThat(stage.latest(incident.id())).isPresent();
        assertThatThrownBy(() -> stage.start(clock.scheduler(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiagnosisStage.attach(tracker, diagnoser, clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
