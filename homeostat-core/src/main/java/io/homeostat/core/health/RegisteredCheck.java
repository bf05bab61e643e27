package io.homeostat.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** A check in the registry, with its options and its run of consecutive failures. */
final class RegisteredCheck {

    final String name;
    final HealthCheck check;
    final HealthCheckOptions options;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    RegisteredCheck(String name, HealthCheck check, HealthCheckOptions options) {
        this.name = name;
        this.check = check;
        this.options = options;
    }

    /**
     * Turns one run's outcome into a report. A failure is a thrown exception (or a timeout) or
     * an {@link HealthStatus#UNHEALTHY} result; it is reported as UNHEALTHY only once
     * {@code failureThreshold} failures came in a row, and as DEGRADED before that.
     */
    CheckReport report(HealthResult result, Throwable error, Duration latency, Instant time) {
        Throwable cause = unwrap(error);
        boolean failed = cause != null || result.status() == HealthStatus.UNHEALTHY;
        if (!failed) {
            consecutiveFailures.set(0);
            return new CheckReport(name, result.status(), latency, result.details(), result.message(), 0, time);
        }
        int failures = consecutiveFailures.incrementAndGet();
        Map<String, String> details = new HashMap<>(result == null ? Map.of() : result.details());
        String failure = cause == null ? result.message() : describe(cause);
        details.put("failure", failure.isEmpty() ? "unhealthy" : failure);
        details.put("consecutiveFailures", Integer.toString(failures));
        details.put("failureThreshold", Integer.toString(options.failureThreshold()));
        HealthStatus status = failures >= options.failureThreshold() ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED;
        return new CheckReport(name, status, latency, details, failure, failures, time);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HealthCheckTimeoutException) {
            return cause.getMessage();
        }
        return cause.toString();
    }
}
