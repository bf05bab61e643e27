package io.homeostat.engine.diagnose;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the recent past {@link RecentSignals} keeps. Immutable; validated on creation
 * (rejects, never clamps).
 *
 * @param window how far back facts, rates and counts count; default 15 min
 * @param factsPerService the most recent facts kept per service; default 128
 * @param maxServices services tracked at once; past it the least recently heard from is forgotten; default 10,000
 * @param quietGap a failure after this long without one starts a new failure episode; default 2 min
 */
public record RecentSignalsConfig(Duration window, int factsPerService, int maxServices, Duration quietGap) {

    /** @throws IllegalArgumentException if a duration is not positive or a count is below 1 */
    public RecentSignalsConfig {
        requirePositive(window, "window");
        requirePositive(quietGap, "quietGap");
        if (factsPerService < 1) {
            throw new IllegalArgumentException("factsPerService must be at least 1, was " + factsPerService);
        }
        if (maxServices < 1) {
            throw new IllegalArgumentException("maxServices must be at least 1, was " + maxServices);
        }
    }

    /** The defaults: 15 min window, 128 facts per service, 10,000 services, 2 min quiet gap. */
    public static RecentSignalsConfig ofDefaults() {
        return new RecentSignalsConfig(Duration.ofMinutes(15), 128, 10_000, Duration.ofMinutes(2));
    }

    /** This config with another {@code window}. */
    public RecentSignalsConfig withWindow(Duration window) {
        return new RecentSignalsConfig(window, factsPerService, maxServices, quietGap);
    }

    /** This config with another {@code factsPerService}. */
    public RecentSignalsConfig withFactsPerService(int factsPerService) {
        return new RecentSignalsConfig(window, factsPerService, maxServices, quietGap);
    }

    /** This config with another {@code maxServices}. */
    public RecentSignalsConfig withMaxServices(int maxServices) {
        return new RecentSignalsConfig(window, factsPerService, maxServices, quietGap);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
