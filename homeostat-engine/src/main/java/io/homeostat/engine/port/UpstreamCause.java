package io.homeostat.engine.port;

import java.util.Objects;

/**
 * A critical problem upstream that explains a service's trouble. Immutable and thread-safe.
 *
 * @param service the service that is explained (downstream)
 * @param upstream the service whose critical alert explains it
 * @param alertId the fingerprint of that critical alert
 * @param summary the critical alert's summary
 */
public record UpstreamCause(String service, String upstream, String alertId, String summary) {

    public UpstreamCause {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(summary, "summary");
    }
}
