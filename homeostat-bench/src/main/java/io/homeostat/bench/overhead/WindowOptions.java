package io.homeostat.bench.overhead;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The settings of a run of one mode in consecutive measured windows ({@code KernelOverhead --only})
 * and of a pair of such runs side by side ({@link KernelOverheadPair}), which gives both children
 * the same. Immutable.
 *
 * @param windows how many windows are measured (default 15)
 * @param window how long each window is (default 30 s)
 * @param warmUp how long the traffic runs before the first window (default 120 s; zero for none)
 * @param rate triage requests a second (default 50, the demo's)
 * @param seed seeds the request mix and the upstreams (default 42, the demo's)
 */
record WindowOptions(int windows, Duration window, Duration warmUp, int rate, long seed) {

    /** The arguments (without {@code --}) these settings are read from. */
    static final Set<String> NAMES = Set.of("windows", "seconds", "warm-up", "rate", "seed");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the argument if a value is out of range
     */
    WindowOptions {
        if (windows < 1) {
            throw new IllegalArgumentException("--windows must be at least 1, was " + windows);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--seconds must be at least 1, was " + window.toSeconds());
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("--warm-up must not be negative, was " + warmUp.toSeconds());
        }
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("--rate must be in [1, 1000] requests a second, was " + rate);
        }
    }

    /** The defaults: 15 windows of 30 s after 120 s of warm-up, at 50 requests/s, seed 42. */
    static WindowOptions defaults() {
        return new WindowOptions(15, Duration.ofSeconds(30), Duration.ofSeconds(120), 50, 42);
    }

    /**
     * Reads the settings over the defaults.
     *
     * @throws IllegalArgumentException naming the argument if a value is not a whole number or out of range
     */
    static WindowOptions read(Arguments given) {
        WindowOptions d = defaults();
        return new WindowOptions(given.integer("windows", d.windows()),
                Duration.ofSeconds(given.integer("seconds", (int) d.window().toSeconds())),
                Duration.ofSeconds(given.integer("warm-up", (int) d.warmUp().toSeconds())),
                given.integer("rate", d.rate()), given.whole("seed", d.seed()));
    }

    /** The settings as arguments, which {@link #read} reads back to equal settings. */
    List<String> arguments() {
        return List.of("--windows", String.valueOf(windows), "--seconds", String.valueOf(window.toSeconds()),
                "--warm-up", String.valueOf(warmUp.toSeconds()), "--rate", String.valueOf(rate), "--seed",
                String.valueOf(seed));
    }

    /** From the start of the traffic to the end of the last window: warm-up plus windows x window. */
    Duration length() {
        return warmUp.plus(window.multipliedBy(windows));
    }
}
