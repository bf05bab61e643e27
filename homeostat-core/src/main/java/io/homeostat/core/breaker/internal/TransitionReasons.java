package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.WindowSnapshot;
import java.time.Duration;
import java.util.Locale;

/** The words of every transition reason, with the evidence in them. */
final class TransitionReasons {

    static final String CREATED = "created";
    static final String TRIAL_FAILED = "trial call failed in half-open";

    private TransitionReasons() {}

    static String failureRate(WindowSnapshot window, float threshold) {
        return String.format(Locale.ROOT, "failure rate %.1f%% >= %.1f%% over %d calls",
                window.failureRate(), threshold, window.calls());
    }

    static String slowCallRate(WindowSnapshot window, float threshold, Duration slowCall) {
        return String.format(Locale.ROOT, "slow call rate %.1f%% >= %.1f%% over %d calls (calls of %s or longer)",
                window.slowCallRate(), threshold, window.calls(), duration(slowCall));
    }

    static String consecutiveFailures(int failures) {
        return failures + " consecutive failures";
    }

    static String trialSlow(long durationNanos, Duration slowCall) {
        return "trial call slow in half-open: " + duration(Duration.ofNanos(durationNanos)) + " >= "
                + duration(slowCall);
    }

    static String trialsSucceeded(int trials) {
        return trials == 1 ? "1 trial call succeeded" : trials + " trial calls succeeded";
    }

    static String openWaitElapsed(long waitNanos) {
        return "open wait of " + duration(Duration.ofNanos(waitNanos)) + " elapsed";
    }

    static String forcedOpen(String reason) {
        return "forced open by operator: " + reason;
    }

    static String disabled(String reason) {
        return "disabled by operator: " + reason;
    }

    static String reset(String reason) {
        return "reset by operator: " + reason;
    }

    static String imported(String reason) {
        return "state imported: " + reason;
    }

    /** {@code 60s}, {@code 1500ms}, or {@code 12.345ms} below a millisecond's precision. */
    static String duration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }
}
