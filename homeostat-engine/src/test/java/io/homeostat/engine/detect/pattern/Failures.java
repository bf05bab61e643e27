package io.homeostat.engine.detect.pattern;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.engine.detect.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Feeds failure events to a pattern detector at chosen times and keeps what it emits. */
final class Failures {

    static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");

    final PatternDetector detector;
    final List<Detection> emitted = new ArrayList<>();

    Failures(PatternDetector detector) {
        this.detector = detector;
    }

    /** One failure at {@code at}. */
    void fail(String service, ErrorCategory category, String type, Instant at) {
        detector.observe(new FailureEvent(service, category, type, "boom", at, Map.of()), emitted::add);
    }

    /** A burst: {@code count} failures one second apart from {@code at}. */
    void burst(String service, ErrorCategory category, String type, Instant at, int count) {
        for (int i = 0; i < count; i++) {
            fail(service, category, type, at.plus(Duration.ofSeconds(i)));
        }
    }

    static Instant at(int day, int hour, int minute) {
        return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }
}
