package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.pattern.PatternDetector;
import io.homeostat.engine.detect.pattern.Recommendation;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryPatternStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every afternoon around 14:00 the primary database stalls for a few minutes and the services
 * that call it fail with it. Each day is one incident spanning the cascade, resolved after the
 * hold period; on the third day the time-of-day pattern is recognised, joins that day's incident,
 * and recommends looking at what runs at 14:00.
 */
class DailyDatabaseOutageScenarioTest {

    private static final DependencyGraph GRAPH = DependencyGraph.of(Map.of(
            "triage", Set.of("pharmaguard", "llm:openai"),
            "pharmaguard", Set.of("db:primary")));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T13:00:00Z"));
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final InMemoryPatternStore patterns = new InMemoryPatternStore();
    // A one-minute tick keeps ManualClock's chain of periodic runs short: cancelling a periodic task
    // recurses once per run so far (see the report), and three days of 10 s ticks overflow the stack.
    private final IncidentTracker tracker = IncidentTracker.builder(incidents).clock(clock).graph(GRAPH)
            .config(IncidentTrackerConfig.ofDefaults().withTickInterval(Duration.ofMinutes(1))).build();
    private final PatternDetector detector = PatternDetector.builder().store(patterns).graph(() -> GRAPH).build();
    private final List<IncidentEvent> events = new ArrayList<>();
    private int ids;

    @Test
    void aDailyCascadeIsOneIncidentPerDayAndBecomesATimeOfDayPattern() {
        tracker.listen(events::add);
        Cancellable ticking = tracker.start(clock.scheduler());
        try {
            for (int day = 0; day < 3; day++) {
                outageAtTwo();
                clock.advance(Duration.ofHours(22)); // to 13:00 the next day, long after the hold period
            }
        } finally {
            ticking.cancel();
        }

        List<Incident> all = incidents.list(IncidentQuery.all());
        assertThat(all).hasSize(3).allSatisfy(incident -> {
            assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(incident.services()).contains("db:primary", "pharmaguard", "triage");
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.fingerprint()).isEqualTo("db:primary|latency|p95>2s");
        });
        Incident third = all.getFirst();
        assertThat(third.fingerprints()).contains("db:primary|pattern|temporal:timeout:SQLTimeoutException");
        assertThat(incidents.timeline(third.id())).extracting(TimelineEntry::type).containsSubsequence(
                TimelineEntry.Type.OPENED, TimelineEntry.Type.CORRELATED, TimelineEntry.Type.CORRELATED,
                TimelineEntry.Type.CLEARED, TimelineEntry.Type.STATUS_CHANGED);
        assertThat(all.get(1).fingerprints()).noneMatch(f -> f.contains("|pattern|"));

        List<Recommendation> advice = detector.recommendations("db:primary");
        assertThat(advice).extracting(Recommendation::pattern)
                .contains("temporal|db:primary|timeout:SQLTimeoutException");
        assertThat(advice).filteredOn(r -> r.pattern().startsWith("temporal")).hasSize(2) // the latency rule too
                .allSatisfy(r -> assertThat(r.action()).contains("around 14:00 UTC"));
        assertThat(patterns.forService("db:primary")).isNotEmpty();
        assertThat(events).noneMatch(IncidentEvent.Flapping.class::isInstance);
    }

    /** 13:00 -> 14:00, the stall, then the recovery; returns at 15:00. */
    private void outageAtTwo() {
        clock.advance(Duration.ofHours(1));
        detect("db:primary", "latency", "p95>2s", Severity.HIGH, Detection.Status.FIRING);
        fail("db:primary", "SQLTimeoutException");
        clock.advance(Duration.ofSeconds(20));
        fail("pharmaguard", "http.504");
        detect("pharmaguard", "errors", "rate>5%", Severity.CRITICAL, Detection.Status.FIRING);
        clock.advance(Duration.ofSeconds(20));
        detect("triage", "errors", "rate>5%", Severity.HIGH, Detection.Status.FIRING);
        clock.advance(Duration.ofMinutes(3));
        detect("db:primary", "latency", "p95>2s", Severity.HIGH, Detection.Status.CLEARED);
        detect("pharmaguard", "errors", "rate>5%", Severity.HIGH, Detection.Status.CLEARED);
        detect("triage", "errors", "rate>5%", Severity.HIGH, Detection.Status.CLEARED);
        clock.advance(Duration.ofMinutes(60).minusSeconds(220));
    }

    private void fail(String service, String type) {
        detector.observe(new FailureEvent(service, ErrorCategory.TIMEOUT, type, "", clock.instant(), Map.of()),
                tracker::observe);
    }

    private void detect(String service, String category, String signature, Severity severity, Detection.Status status) {
        Detection detection = new Detection("t" + ++ids, "threshold", Detection.Kind.THRESHOLD, status,
                new SeriesKey(service, category), category, signature, severity, 1.0, category + " on " + service,
                Map.of(), clock.instant());
        tracker.observe(detection);
        detector.observe(detection, tracker::observe);
    }
}
