package io.homeostat.engine.detect.pattern;

import static io.homeostat.engine.detect.pattern.Failures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.memory.InMemoryPatternStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recurring signatures, detections as input, recommendations, the store and the memory bound. */
class PatternDetectorTest {

    private final Failures feed = new Failures(PatternDetector.create(PatternDetectorConfig.ofDefaults()));

    @Test
    void aBurstOfFailuresIsOneEpisodeNotAPattern() {
        feed.burst("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 9, 0), 200);

        assertThat(feed.emitted).isEmpty();
        assertThat(feed.detector.patterns()).isEmpty();
    }

    @Test
    void theSameSignatureAgainAndAgainWithinTheWindowIsARecurringPattern() {
        feed.burst("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 9, 0), 20);
        feed.burst("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 11, 0), 20);
        assertThat(feed.emitted).isEmpty();

        feed.burst("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 13, 0), 20);

        Pattern pattern = feed.detector.pattern("recurring|llm:openai|timeout:http.504").orElseThrow();
        assertThat(pattern.kind()).isEqualTo(PatternKind.RECURRING);
        assertThat(pattern.services()).containsExactly("llm:openai");
        assertThat(pattern.occurrences()).isEqualTo(3);
        assertThat(pattern.firstSeen()).isEqualTo(at(0, 9, 0));
        assertThat(pattern.lastSeen()).isEqualTo(at(0, 13, 0));
        assertThat(pattern.confidence()).isEqualTo(0.5);
        assertThat(pattern.frequencyPerDay()).isCloseTo(18.0, within(1e-9));
        assertThat(pattern.typicalCause()).contains("slow or overloaded");
        assertThat(pattern.recommendedAction()).contains("bulkhead");
        assertThat(pattern.description()).contains("3 episodes within 24 h");

        assertThat(feed.emitted).hasSize(1);
        Detection detection = feed.emitted.getFirst();
        assertThat(detection.kind()).isEqualTo(Detection.Kind.PATTERN);
        assertThat(detection.detector()).isEqualTo(PatternDetector.NAME);
        assertThat(detection.series()).isEqualTo(new SeriesKey("llm:openai", "failures"));
        assertThat(detection.signature()).isEqualTo("recurring:timeout:http.504");
        assertThat(detection.confidence()).isEqualTo(0.5);
        assertThat(detection.time()).isEqualTo(at(0, 13, 0));
        assertThat(detection.evidence()).containsEntry("pattern", pattern.signature())
                .containsEntry("occurrences", "3").containsEntry("recommendedAction", pattern.recommendedAction());
    }

    @Test
    void eachFurtherEpisodeReEmitsWithGrowingConfidence() {
        for (int hour = 0; hour < 5; hour++) {
            feed.fail("db:primary", ErrorCategory.CONNECTION_REFUSED, "ConnectException", at(0, hour * 2, 0));
        }

        assertThat(feed.emitted).extracting(Detection::confidence).containsExactly(0.5, 0.75, 0.875);
        assertThat(feed.detector.patterns()).singleElement()
                .satisfies(p -> assertThat(p.occurrences()).isEqualTo(5));
    }

    @Test
    void episodesSpreadWiderThanTheWindowAreNotRecurring() {
        for (int i = 0; i < 6; i++) {
            feed.fail("db:primary", ErrorCategory.TIMEOUT, "SQLTimeoutException", at(0, 0, 0).plus(Duration.ofHours(13L * i)));
        }

        assertThat(feed.detector.patterns()).noneMatch(p -> p.kind() == PatternKind.RECURRING);
    }

    @Test
    void differentSignaturesDoNotAddUp() {
        feed.fail("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, 1, 0));
        feed.fail("llm:openai", ErrorCategory.RATE_LIMIT, "http.429", at(0, 2, 0));
        feed.fail("llm:openai", ErrorCategory.TIMEOUT, "SocketTimeoutException", at(0, 3, 0));
        feed.fail("pharmaguard", ErrorCategory.TIMEOUT, "http.504", at(0, 4, 0));

        assertThat(feed.emitted).isEmpty();
    }

    @Test
    void firingDetectionsFromOtherDetectorsFeedPatternsButClearsAndPatternsDoNot() {
        for (int i = 0; i < 3; i++) {
            Instant time = at(0, 8 + i, 0);
            feed.detector.observe(detection(Detection.Kind.THRESHOLD, Detection.Status.FIRING, time), feed.emitted::add);
            feed.detector.observe(detection(Detection.Kind.THRESHOLD, Detection.Status.CLEARED, time.plusSeconds(700)),
                    feed.emitted::add);
            feed.detector.observe(detection(Detection.Kind.PATTERN, Detection.Status.FIRING, time.plusSeconds(1400)),
                    feed.emitted::add);
        }

        assertThat(feed.emitted).singleElement()
                .satisfies(d -> assertThat(d.signature()).isEqualTo("recurring:errors:rate>5%"));
        assertThat(feed.detector.pattern("recurring|triage|errors:rate>5%").orElseThrow().typicalCause())
                .contains("error rate");
    }

    @Test
    void signalsOtherThanFailuresAreIgnored() {
        for (int i = 0; i < 5; i++) {
            feed.detector.observe(new MetricSample("triage", "latency", 5000, at(0, i, 0), Map.of()), feed.emitted::add);
        }
        assertThat(feed.emitted).isEmpty();
        assertThat(feed.detector.trackedSignatures()).isZero();
    }

    @Test
    void recommendationsAreQueryableByServiceMostConfidentFirst() {
        for (int i = 0; i < 4; i++) {
            feed.fail("llm:openai", ErrorCategory.RATE_LIMIT, "http.429", at(0, i * 2, 0));
            feed.fail("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, i * 2, 30));
        }
        feed.fail("db:primary", ErrorCategory.QUOTA_EXCEEDED, "quota", at(1, 0, 0));

        assertThat(feed.detector.recommendations("llm:openai"))
                .extracting(Recommendation::pattern)
                .containsExactly("recurring|llm:openai|rate_limit:http.429", "recurring|llm:openai|timeout:http.504");
        Recommendation first = feed.detector.recommendations("llm:openai").getFirst();
        assertThat(first.service()).isEqualTo("llm:openai");
        assertThat(first.action()).contains("Throttle");
        assertThat(first.kind()).isEqualTo(PatternKind.RECURRING);
        assertThat(first.confidence()).isEqualTo(0.75);
        assertThat(feed.detector.recommendations("db:primary")).isEmpty();
    }

    @Test
    void patternsAreSavedToTheStoreAndANewDetectorStartsWithThem() {
        InMemoryPatternStore store = new InMemoryPatternStore();
        Failures first = new Failures(PatternDetector.builder().store(store).build());
        for (int i = 0; i < 3; i++) {
            first.fail("llm:openai", ErrorCategory.TIMEOUT, "http.504", at(0, i, 0));
        }
        Pattern saved = store.find("recurring|llm:openai|timeout:http.504").orElseThrow();
        assertThat(first.detector.patterns()).containsExactly(saved);

        PatternDetector restarted = PatternDetector.builder().store(store).build();

        assertThat(restarted.patterns()).containsExactly(saved);
        assertThat(restarted.recommendations("llm:openai")).extracting(Recommendation::pattern)
                .containsExactly(saved.signature());
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfSignatures() {
        Failures bounded = new Failures(PatternDetector.create(PatternDetectorConfig.builder().maxSignatures(10).build()));
        for (int i = 0; i < 300; i++) {
            for (int episode = 0; episode < 3; episode++) {
                bounded.fail("svc" + (i % 7), ErrorCategory.UNKNOWN, "E" + i, at(0, episode * 2, 0).plusSeconds(i));
            }
        }

        assertThat(bounded.detector.trackedSignatures()).isLessThanOrEqualTo(10);
        assertThat(bounded.detector.patterns()).hasSizeLessThanOrEqualTo(10);
    }

    private static Detection detection(Detection.Kind kind, Detection.Status status, Instant time) {
        return new Detection("d-" + time.toEpochMilli() + kind + status, "threshold", kind, status,
                new SeriesKey("triage", "errors.rate"), "errors", "rate>5%", Severity.HIGH, 0.9, "errors on triage",
                Map.of(), time);
    }
}
