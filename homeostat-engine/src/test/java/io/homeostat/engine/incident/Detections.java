package io.homeostat.engine.incident;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Detections for tests, stamped with a clock's time and numbered ids {@code d1, d2, ...}. */
final class Detections {

    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();

    Detections(Clock clock) {
        this.clock = clock;
    }

    Detection firing(String service, String category, Severity severity) {
        return make(service, category, severity, Detection.Status.FIRING);
    }

    Detection cleared(String service, String category) {
        return make(service, category, Severity.INFO, Detection.Status.CLEARED);
    }

    private Detection make(String service, String category, Severity severity, Detection.Status status) {
        return new Detection("d" + ids.incrementAndGet(), "threshold", Detection.Kind.THRESHOLD, status,
                new SeriesKey(service, category + ".rate"), category, category + ">limit", severity, 0.9,
                status == Detection.Status.FIRING ? category + " high on " + service : "",
                Map.of("value", "0.12"), Instant.ofEpochMilli(clock.wallMillis()));
    }

    static String fingerprint(String service, String category) {
        return service + "|" + category + "|" + category + ">limit";
    }
}
