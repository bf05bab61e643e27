package io.homeostat.core.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one {@link HealthRegistry#runAll()}: every check's report and the overall status,
 * which is the worst of them ({@link HealthStatus#HEALTHY} when there are no checks). Immutable,
 * thread-safe.
 *
 * @param overall the worst status of all checks
 * @param checks the reports by check name, in registration order
 * @param time when the run ended
 */
public record HealthSnapshot(HealthStatus overall, Map<String, CheckReport> checks, Instant time) {

    /** @throws IllegalArgumentException if {@code overall} is not the worst of {@code checks} */
    public HealthSnapshot {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(time, "time");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        if (overall != worstOf(checks)) {
            throw new IllegalArgumentException("overall " + overall + " is not the worst of the checks");
        }
    }

    /** A snapshot whose overall status is the worst of {@code checks}. */
    public static HealthSnapshot of(Map<String, CheckReport> checks, Instant time) {
        return new HealthSnapshot(worstOf(checks), checks, time);
    }

    /** The report of the check named {@code name}, if it ran. */
    public Optional<CheckReport> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    private static HealthStatus worstOf(Map<String, CheckReport> checks) {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (CheckReport report : checks.values()) {
            worst = worst.worst(report.status());
        }
        return worst;
    }
}
