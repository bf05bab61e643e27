package io.homeostat.core.health;

import java.time.Duration;

/** A health check ran longer than its timeout; the registry reports it as a failure. */
public final class HealthCheckTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HealthCheckTimeoutException(String check, Duration timeout) {
        super("health check " + check + " timed out after " + describe(timeout));
    }

    private static String describe(Duration timeout) {
        if (timeout.toMillis() % 1000 == 0) {
            return timeout.toSeconds() + "s";
        }
        return timeout.toMillis() + "ms";
    }
}
