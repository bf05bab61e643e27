package io.homeostat.core.signal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a metric series (service x metric), e.g. {@code heap.used.ratio}.
 *
 * @param value a finite number
 */
public record MetricSample(String service, String metric, double value, Instant time, Map<String, String> tags)
        implements Signal {

    public MetricSample {
        Signals.requireName(service, "service");
        Signals.requireName(metric, "metric");
        Signals.requireFinite(value, "value");
        Objects.requireNonNull(time, "time");
        tags = Signals.tags(tags);
    }
}
