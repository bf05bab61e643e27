package io.homeostat.bench.overhead;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The settings of a {@link KernelOverheadPair} run. Immutable.
 *
 * @param settings what both children run: windows, their length, warm-up, rate and seed
 * @param output where the JSON results go (default {@code results/kernel-overhead-pair.json})
 */
record PairOptions(WindowOptions settings, Path output) {

    static final String USAGE = """
            usage: KernelOverheadPair [--windows 15] [--seconds 30] [--warm-up 120] [--rate 50] [--seed 42]
                                      [--out results/kernel-overhead-pair.json]
            """;

    /**
     * Reads the arguments over the defaults.
     *
     * @throws IllegalArgumentException naming the argument if one is unknown, lacks its value or is out of range
     */
    static PairOptions parse(String... args) {
        Set<String> named = new HashSet<>(WindowOptions.NAMES);
        named.add("out");
        Arguments given = Arguments.parse(named, Set.of(), args);
        return new PairOptions(WindowOptions.read(given),
                given.text("out").map(Path::of).orElse(Path.of("results", "kernel-overhead-pair.json")));
    }
}
