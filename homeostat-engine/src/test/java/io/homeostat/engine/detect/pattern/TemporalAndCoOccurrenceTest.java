package io.homeostat.engine.detect.pattern;

import static io.homeostat.engine.detect.pattern.Failures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time-of-day patterns, services failing together, and pattern detections reaching incidents. */
class TemporalAndCoOccurrenceTest {

    private final Failures feed = new Failures(PatternDetector.create(PatternDetectorConfig.ofDefaults()));

    @Test
    void failuresAroundTheSameTimeOfDayOnSeveralDaysAreATemporalPattern() {
        feed.burst("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(0, 14, 2), 30);
        feed.burst("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(1, 13, 55), 30);
        assertThat(feed.emitted).isEmpty();

        feed.burst("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(2, 14, 10), 30);

        Pattern pattern = feed.detector.pattern("temporal|pharmaguard|timeout:http.504").orElseThrow();
        assertThat(pattern.kind()).isEqualTo(PatternKind.TEMPORAL);
        assertThat(pattern.description()).contains("daily around 14:02 UTC (3 days)");
        assertThat(pattern.occurrences()).isEqualTo(3);
        assertThat(pattern.firstSeen()).isEqualTo(at(0, 14, 2));
        assertThat(pattern.lastSeen()).isEqualTo(at(2, 14, 10));
        assertThat(pattern.confidence()).isEqualTo(0.5);
        assertThat(pattern.typicalCause()).contains("around 14:02 UTC");
        assertThat(pattern.recommendedAction()).contains("pre-scale");
        assertThat(feed.emitted).singleElement()
                .satisfies(d -> assertThat(d.signature()).isEqualTo("temporal:timeout:http.504"));
        assertThat(feed.detector.patterns()).noneMatch(p -> p.kind() == PatternKind.RECURRING);
    }

    @Test
    void aMissedDayLowersTheConfidence() {
        feed.fail("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(0, 14, 0));
        feed.fail("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(2, 14, 0));
        feed.fail("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(3, 14, 0));

        assertThat(feed.detector.pattern("temporal|pharmaguard|timeout:http.504").orElseThrow().confidence())
                .isEqualTo(0.5 * 3 / 4);
    }

    @Test
    void timeOfDayIsReadInTheConfiguredZone() {
        Failures berlin = new Failures(PatternDetector.create(
                PatternDetectorConfig.builder().zone(ZoneId.of("Europe/Berlin")).build()));
        for (int day = 0; day < 3; day++) {
            berlin.fail("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(day, 13, 0));
        }

        assertThat(berlin.detector.pattern("temporal|pharmaguard|timeout:http.504").orElseThrow().description())
                .contains("around 14:00 Europe/Berlin");
    }

    @Test
    void failuresAllDayLongAreNotATimeOfDayPattern() {
        for (int day = 0; day < 4; day++) {
            for (int hour = 0; hour < 24; hour += 2) {
                feed.fail("db:primary", ErrorCategory.TIMEOUT, "SQLTimeoutException", at(day, hour, 0));
            }
        }

        assertThat(feed.detector.patterns()).extracting(Pattern::kind).containsOnly(PatternKind.RECURRING);
    }

    @Test
    void failuresAtDifferentTimesOnDifferentDaysAreNotATimeOfDayPattern() {
        feed.fail("db:primary", ErrorCategory.TIMEOUT, "x", at(0, 2, 0));
        feed.fail("db:primary", ErrorCategory.TIMEOUT, "x", at(1, 10, 0));
        feed.fail("db:primary", ErrorCategory.TIMEOUT, "x", at(2, 18, 0));
        feed.fail("db:primary", ErrorCategory.TIMEOUT, "x", at(3, 6, 0));

        assertThat(feed.detector.patterns()).isEmpty();
    }

    @Test
    void twoServicesFailingTogetherRepeatedlyAreACoOccurrencePattern() {
        for (int i = 0; i < 3; i++) {
            feed.burst("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, i * 3, 0), 10);
            feed.burst("checkout", ErrorCategory.TIMEOUT, "http.504", at(0, i * 3, 0).plusSeconds(20), 10);
        }

        Pattern pattern = feed.detector.pattern("co-occurrence|billing+checkout").orElseThrow();
        assertThat(pattern.kind()).isEqualTo(PatternKind.CO_OCCURRENCE);
        assertThat(pattern.services()).containsExactly("billing", "checkout");
        assertThat(pattern.occurrences()).isEqualTo(3);
        assertThat(pattern.firstSeen()).isEqualTo(at(0, 0, 0).plusSeconds(20));
        assertThat(pattern.confidence()).isEqualTo(0.5);
        assertThat(pattern.typicalCause()).contains("share a dependency");
        assertThat(feed.emitted).filteredOn(d -> d.signature().startsWith("co-occurrence")).singleElement().satisfies(d -> {
            assertThat(d.service()).isEqualTo("checkout");
            assertThat(d.signature()).isEqualTo("co-occurrence:billing");
        });
        assertThat(feed.detector.recommendations("billing")).extracting(Recommendation::pattern)
                .containsExactly(pattern.signature(), "recurring|billing|unavailable:http.503");
        assertThat(feed.detector.recommendations("checkout")).extracting(Recommendation::pattern)
                .containsExactly(pattern.signature(), "recurring|checkout|timeout:http.504");
    }

    @Test
    void aCoOccurrenceAlongTheDependencyGraphBlamesTheDependency() {
        DependencyGraph graph = DependencyGraph.empty().with("triage", "db:primary");
        Failures related = new Failures(PatternDetector.builder().graph(() -> graph).build());
        for (int i = 0; i < 3; i++) {
            related.fail("db:primary", ErrorCategory.TIMEOUT, "SQLTimeoutException", at(0, i * 3, 0));
            related.fail("triage", ErrorCategory.TIMEOUT, "http.504", at(0, i * 3, 0).plusSeconds(5));
        }

        Pattern pattern = related.detector.pattern("co-occurrence|db:primary+triage").orElseThrow();
        assertThat(pattern.typicalCause()).contains("triage depends on db:primary");
        assertThat(pattern.recommendedAction()).contains("fix the dependency first");
    }

    @Test
    void failuresFurtherApartThanTheIntervalDoNotCountAsTogether() {
        for (int i = 0; i < 4; i++) {
            feed.fail("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, i * 3, 0));
            feed.fail("checkout", ErrorCategory.TIMEOUT, "http.504", at(0, i * 3, 5));
        }

        assertThat(feed.detector.patterns()).noneMatch(p -> p.kind() == PatternKind.CO_OCCURRENCE);
    }

    @Test
    void aServiceThatOftenFailsAloneLowersTheCoOccurrenceConfidence() {
        for (int i = 0; i < 3; i++) {
            feed.fail("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, i * 3, 0));
            feed.fail("checkout", ErrorCategory.TIMEOUT, "http.504", at(0, i * 3, 0).plusSeconds(10));
            feed.fail("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, i * 3 + 1, 0));
        }

        assertThat(feed.detector.pattern("co-occurrence|billing+checkout").orElseThrow().confidence())
                .isEqualTo(0.5 * 3 / 3);
        feed.fail("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, 10, 0));
        feed.fail("checkout", ErrorCategory.RATE_LIMIT, "http.429", at(0, 10, 30));
        feed.fail("checkout", ErrorCategory.RATE_LIMIT, "http.429", at(0, 11, 0));
        feed.fail("checkout", ErrorCategory.RATE_LIMIT, "http.429", at(0, 12, 0));
        feed.fail("billing", ErrorCategory.UNAVAILABLE, "http.503", at(0, 13, 0));
        feed.fail("checkout", ErrorCategory.RATE_LIMIT, "http.429", at(0, 13, 0).plusSeconds(1));

        Pattern pattern = feed.detector.pattern("co-occurrence|billing+checkout").orElseThrow();
        assertThat(pattern.occurrences()).isEqualTo(4);
        // 4 joint episodes; checkout had 3 + 4 = 7 episodes, billing 6 + 2 = 8: share 4/7
        assertThat(pattern.confidence()).isEqualTo((1 - Math.pow(0.5, 2)) * 4 / 7);
    }

    @Test
    void aPatternDetectionJoinsTheOpenIncidentOfItsService() {
        ManualClock clock = ManualClock.at(at(0, 13, 0));
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).build();
        feed.fail("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 9, 0));
        feed.fail("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 11, 0));
        Incident incident = tracker.observe(new Detection("t1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new io.homeostat.engine.detect.SeriesKey("llm:openai", "errors.rate"), "errors",
                "rate>5%", Severity.HIGH, 1.0, "errors on llm:openai", Map.of(), clock.instant())).orElseThrow();

        clock.advance(Duration.ofSeconds(30));
        feed.detector.observe(new io.homeostat.core.signal.FailureEvent("llm:openai", ErrorCategory.TIMEOUT, "http.504",
                "", clock.instant(), Map.of()), d -> tracker.observe(d));

        Incident joined = store.find(incident.id()).orElseThrow();
        assertThat(joined.fingerprints()).contains("llm:openai|pattern|recurring:timeout:http.504");
        assertThat(joined.severity()).isEqualTo(Severity.HIGH);
        assertThat(store.timeline(incident.id()).getLast().evidence())
                .containsEntry("pattern", "recurring|llm:openai|timeout:http.504");
    }
}
