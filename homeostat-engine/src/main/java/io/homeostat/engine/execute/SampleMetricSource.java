package io.homeostat.engine.execute;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Success-criteria readings from the metric samples services report (over HTTP to the server, or
 * published to the bus in this JVM): the latest sample of each series by the sample's own time,
 * fed by {@link #observe} from a bus subscription.
 *
 * <p><b>Freshness.</b> A reading counts only while its sample's time is within {@link #maxAge()}
 * (default {@link #DEFAULT_MAX_AGE}) of the clock's now, either way: a service that stopped
 * reporting, samples an agent replays after an outage, and a sample stamped far ahead by a clock
 * that is off all read as nothing, which breaks a criterion's hold. A sample older than the
 * series' latest never replaces it. So for a reporting service a criterion's {@code for} should be
 * longer than the maximum age, or one sample can hold it alone (the shipped workflows hold for 30 s).
 *
 * <p><b>Names.</b> Criteria name metrics as the guards' readings do ({@link GuardMetricSource}:
 * {@code error_rate}, {@code p99_ms}); samples as the detectors do ({@code error.rate},
 * {@code latency.p99}). A criterion's metric reads the first series of these that has a fresh
 * sample: {@code p99_ms} reads {@code latency.p99} (milliseconds); any other name with an
 * underscore reads the name with its underscores as dots ({@code error_rate} reads
 * {@code error.rate}, {@code heap_used_ratio} reads {@code heap.used.ratio}); then the name as
 * written. {@code rejected} (calls refused in the guard's window) has no sample of the same unit
 * ({@code rejected.rate} is per second) and reads only a series named {@code rejected}.
 *
 * <p>At most {@link #MAX_SERIES} series are kept; when a new one would exceed that, the stale ones
 * are forgotten, and all of them if none is stale. Thread-safe.
 */
public final class SampleMetricSource implements MetricSource {

    /** How old a sample may be and still count, by default: 5 s (samples once a second, sent every second). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
    /** How many series are kept at most. */
    public static final int MAX_SERIES = 100_000;

    private static final Map<String, String> NAMED = Map.of("p99_ms", "latency.p99");

    private final Clock clock;
    private final Duration maxAge;
    private final Map<Series, Reading> latest = new ConcurrentHashMap<>();

    private SampleMetricSource(Clock clock, Duration maxAge) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Durations.requirePositive(maxAge, "maxAge");
    }

    /**
     * A source whose readings count for {@link #DEFAULT_MAX_AGE}.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public static SampleMetricSource create(Clock clock) {
        return new SampleMetricSource(clock, DEFAULT_MAX_AGE);
    }

    /**
     * A source whose readings count for {@code maxAge}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public static SampleMetricSource create(Clock clock, Duration maxAge) {
        return new SampleMetricSource(clock, maxAge);
    }

    /** How old a sample may be (by its own time, against the clock) and still count. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Takes the metric samples of {@code signals} (a bus batch); other signals are ignored. */
    public void observe(List<Signal> signals) {
        for (Signal signal : signals) {
            if (signal instanceof MetricSample sample) {
                observe(sample);
            }
        }
    }

    private void observe(MetricSample sample) {
        Series series = new Series(sample.service(), sample.metric());
        if (!latest.containsKey(series) && latest.size() >= MAX_SERIES) {
            Instant now = clock.instant();
            latest.values().removeIf(r -> !fresh(r, now));
            if (latest.size() >= MAX_SERIES) {
                latest.clear();
            }
        }
        Reading reading = new Reading(sample.value(), sample.time());
        latest.merge(series, reading, (was, now) -> now.time().isBefore(was.time()) ? was : now);
    }

    @Override
    public OptionalDouble read(String service, String metric) {
        Instant now = clock.instant();
        for (String name : sampleNames(metric)) {
            Reading reading = latest.get(new Series(service, name));
            if (reading != null && fresh(reading, now)) {
                return OptionalDouble.of(reading.value());
            }
        }
        return OptionalDouble.empty();
    }

    /** The series a criterion's {@code metric} reads, in order (see the class comment). */
    static List<String> sampleNames(String metric) {
        String named = NAMED.get(metric);
        if (named != null) {
            return List.of(named, metric);
        }
        return metric.indexOf('_') >= 0 ? List.of(metric.replace('_', '.'), metric) : List.of(metric);
    }

    private boolean fresh(Reading reading, Instant now) {
        return !reading.time().isBefore(now.minus(maxAge)) && !reading.time().isAfter(now.plus(maxAge));
    }

    private record Series(String service, String metric) {}

    private record Reading(double value, Instant time) {}
}
