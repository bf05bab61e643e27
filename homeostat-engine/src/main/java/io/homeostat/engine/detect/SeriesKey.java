package io.homeostat.engine.detect;

import java.util.Objects;

/**
 * One series the detectors watch: a metric of a service, e.g. {@code (db:primary, latency.p95)}.
 * Immutable and thread-safe.
 */
public record SeriesKey(String service, String metric) {

    public SeriesKey {
        requireName(service, "service");
        requireName(metric, "metric");
    }

    /** {@code service/metric}, the form used in logs, evidence and the API. */
    @Override
    public String toString() {
        return service + "/" + metric;
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
