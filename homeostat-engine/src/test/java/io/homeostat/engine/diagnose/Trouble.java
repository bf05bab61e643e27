package io.homeostat.engine.diagnose;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Signals, detections and incidents for diagnosis tests, stamped with a clock's time. */
final class Trouble {

    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();

    Trouble(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return Instant.ofEpochMilli(clock.wallMillis());
    }

    FailureEvent failure(String service, ErrorCategory category, String type, String message) {
        return new FailureEvent(service, category, type, message, now(), Map.of());
    }

    FailureEvent failure(String service, ErrorCategory category, String type, String message, Map<String, String> tags) {
        return new FailureEvent(service, category, type, message, now(), tags);
    }

    OperationOutcome outcome(String service, OperationOutcome.Status status, ErrorCategory category, Duration latency) {
        return new OperationOutcome(service, status, category, latency.toNanos(), null, now(), Map.of());
    }

    OperationOutcome success(String service) {
        return new OperationOutcome(service, OperationOutcome.Status.SUCCESS, null, 1_000_000, null, now(), Map.of());
    }

    CircuitTransition circuitOpened(String service) {
        return new CircuitTransition(service, CircuitState.CLOSED, CircuitState.OPEN,
                "failure rate 62.0% >= 50.0% over 20 calls", WindowSnapshot.EMPTY, now(), Map.of());
    }

    HealthReport unhealthy(String service, String check) {
        return new HealthReport(service, check, HealthStatus.UNHEALTHY, Duration.ofMillis(5),
                Map.of("error", "ping failed"), now(), Map.of());
    }

    MetricSample callsRate(String service, double perSecond) {
        return new MetricSample(service, "calls.rate", perSecond, now(), Map.of());
    }

    Detection threshold(String service, String metric, String category, double value, Severity severity) {
        return new Detection("d" + ids.incrementAndGet(), "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey(service, metric), category, metric + ">limit", severity, 1.0,
                metric + " of " + service + " is " + value, Map.of("value", Double.toString(value)), now());
    }

    Incident incident(Severity severity, String... services) {
        var builder = Incident.builder().id("i" + ids.incrementAndGet()).fingerprint(services[0] + "|errors|x")
                .title("trouble on " + services[0]).severity(severity).openedAt(now());
        for (String service : services) {
            builder.addService(service);
        }
        return builder.build();
    }
}
