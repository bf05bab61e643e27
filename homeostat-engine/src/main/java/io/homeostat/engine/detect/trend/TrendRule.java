package io.homeostat.engine.detect.trend;

import io.homeostat.core.time.Durations;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.internal.Glob;
import java.time.Duration;
import java.util.Objects;

/**
 * One prediction rule: on every series whose service matches {@code service} (a glob) and whose
 * metric is {@code metric}, fit the trend of the last {@code window} and predict when it reaches
 * {@code limit}; a detection fires when that is within {@code horizon}, the fit's confidence is
 * at least {@code minConfidence} and, if asked, the climb passes the Mann-Kendall test at
 * {@code significance}. Immutable and thread-safe; validated on creation.
 *
 * @param name unique among the rules; the subject of its summaries ("memory will reach ...") and
 *     its detections' signature
 * @param service glob over service names (default {@code *})
 * @param metric the metric name, exactly
 * @param rising true to predict reaching the limit from below, false from above (default true)
 * @param limit the level whose crossing is predicted
 * @param window how far back the trend looks (default 10 min)
 * @param bucket the samples of each bucket are reduced to their median first (default 30 s); the
 *     window must hold 4 to 64 buckets
 * @param horizon predictions further ahead than this are not reported (default 30 min)
 * @param minConfidence the least fit confidence (Kendall's tau of the bucket medians in the
 *     direction of the limit, in [0, 1]) to report (default 0.6)
 * @param significance the largest one-sided p-value of the Mann-Kendall test of the bucket medians
 *     (the chance that a series without a trend shows one at least this strong) to report, in
 *     (0, 1] (default 1: no test, tau alone decides). A bound on tau asks less evidence of a half
 *     filled window than of a full one; a significance asks the same of both, so a short window
 *     of small buckets can decide within a few buckets of a climb starting without firing more
 *     often on noise. It bounds chance per fit, and a rule fits once a bucket: 0.0001 with 100 ms
 *     buckets passes on noise alone up to about once an hour, which the horizon (a climb fast
 *     enough to reach the limit in time) must then rule out
 * @param severity how much a prediction matters (default {@link Severity#HIGH})
 * @param category the problem's category, e.g. {@code resource}
 */
public record TrendRule(
        String name,
        String service,
        String metric,
        boolean rising,
        double limit,
        Duration window,
        Duration bucket,
        Duration horizon,
        double minConfidence,
        double significance,
        Severity severity,
        String category) {

    /** Default {@link #window()}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    /** Default {@link #bucket()}. */
    public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(30);
    /** Default {@link #horizon()}. */
    public static final Duration DEFAULT_HORIZON = Duration.ofMinutes(30);
    /** Default {@link #minConfidence()}. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.6;
    /** Default {@link #significance()}: no test. */
    public static final double DEFAULT_SIGNIFICANCE = 1.0;

    /**
     * @throws IllegalArgumentException if a name is blank, the limit is not finite, a duration is
     *     not positive, the window does not hold 4 to 64 whole buckets, or the confidence or the
     *     significance is not in (0, 1]
     * @throws NullPointerException if a reference is null
     */
    public TrendRule {
        requireText(name, "name");
        requireText(service, "service");
        requireText(metric, "metric");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("limit must be a finite number, was " + limit);
        }
        Durations.requirePositive(window, "window");
        Durations.requirePositive(bucket, "bucket");
        Durations.requirePositive(horizon, "horizon");
        long buckets = window.toMillis() / Math.max(1, bucket.toMillis());
        if (bucket.toMillis() < 1 || window.toMillis() % bucket.toMillis() != 0 || buckets < 4 || buckets > 64) {
            throw new IllegalArgumentException("window must be 4 to 64 whole buckets, was " + Durations.text(window)
                    + " / " + Durations.text(bucket));
        }
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in (0, 1], was " + minConfidence);
        }
        if (!(significance > 0 && significance <= 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1], was " + significance);
        }
        Objects.requireNonNull(severity, "severity");
        requireText(category, "category");
    }

    /** A rule with the default window, bucket, horizon, confidence, significance and severity. */
    public static TrendRule of(String name, String service, String metric, boolean rising, double limit,
            String category) {
        return new TrendRule(name, service, metric, rising, limit, DEFAULT_WINDOW, DEFAULT_BUCKET, DEFAULT_HORIZON,
                DEFAULT_MIN_CONFIDENCE, DEFAULT_SIGNIFICANCE, Severity.HIGH, category);
    }

    /** Buckets in the window. */
    public int buckets() {
        return (int) (window.toMillis() / bucket.toMillis());
    }

    /** True if this rule watches the series {@code (service, metric)}. */
    public boolean matches(String serviceName, String metricName) {
        return metric.equals(metricName) && Glob.matches(service, serviceName);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
