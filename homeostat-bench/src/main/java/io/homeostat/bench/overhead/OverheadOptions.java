package io.homeostat.bench.overhead;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of one {@link KernelOverhead} run. Immutable.
 *
 * @param rounds measured rounds of each mode (default 5)
 * @param round how long each round is measured (default 30 s)
 * @param warmUp how long one unmeasured round of each mode runs first (default 15 s; zero for none)
 * @param settle how long the traffic runs in a round before the measurement starts (default 2 s)
 * @param rate triage requests a second (default 50, the demo's)
 * @param faultRound whether one more pair of rounds runs with an outage of {@code llm:openai}, so
 *     the guarded rounds answer by fallback (default false)
 * @param seed seeds the request mix and the upstreams (default 42, the demo's)
 * @param output where the JSON results go (default {@code results/kernel-overhead.json})
 */
record OverheadOptions(int rounds, Duration round, Duration warmUp, Duration settle, int rate, boolean faultRound,
        long seed, Path output) {

    static final String USAGE = """
            usage: KernelOverhead [--rounds 5] [--seconds 30] [--warm-up 15] [--settle-ms 2000] [--rate 50]
                                  [--fault-round] [--seed 42] [--out results/kernel-overhead.json]
            """;

    private static final Set<String> KNOWN = Set.of("rounds", "seconds", "warm-up", "settle-ms", "rate", "seed", "out");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    OverheadOptions {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        if (round.isNegative() || round.isZero()) {
            throw new IllegalArgumentException("round must be positive, was " + round);
        }
        if (warmUp.isNegative() || settle.isNegative()) {
            throw new IllegalArgumentException("warm-up and settle must not be negative, were " + warmUp + " and " + settle);
        }
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("rate must be in [1, 1000] requests a second, was " + rate);
        }
    }

    /** The defaults: 5 rounds of 30 s of each mode after 15 s of warm-up each, at 50 requests/s. */
    static OverheadOptions defaults() {
        return new OverheadOptions(5, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(2), 50, false, 42,
                Path.of("results", "kernel-overhead.json"));
    }

    /**
     * Reads {@code --name value} arguments (and the flag {@code --fault-round}) over the defaults.
     *
     * @throws IllegalArgumentException naming the argument if one is unknown, lacks its value or is out of range
     */
    static OverheadOptions parse(String... args) {
        Arguments given = Arguments.parse(KNOWN, Set.of("fault-round"), args);
        OverheadOptions d = defaults();
        return new OverheadOptions(given.integer("rounds", d.rounds()),
                Duration.ofSeconds(given.integer("seconds", (int) d.round().toSeconds())),
                Duration.ofSeconds(given.integer("warm-up", (int) d.warmUp().toSeconds())),
                Duration.ofMillis(given.integer("settle-ms", (int) d.settle().toMillis())),
                given.integer("rate", d.rate()), given.flag("fault-round"), given.whole("seed", d.seed()),
                given.text("out").map(Path::of).orElse(d.output()));
    }
}
