package io.homeostat.bench.overhead;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of {@code KernelOverhead --only MODE}: one mode for the whole run, measured in
 * consecutive windows ({@link SoloRun}). Immutable.
 *
 * @param mode the mode the whole run uses
 * @param settings windows, their length, warm-up, rate and seed
 * @param startOnStdin whether the run prints {@code ready} once its upstreams are up and waits for
 *     {@code start EPOCH_MS} on its standard input to start the traffic, as {@link KernelOverheadPair}
 *     drives it (default false: the traffic starts as soon as the upstreams are up)
 */
record SoloOptions(Mode mode, WindowOptions settings, boolean startOnStdin) {

    static final String USAGE = """
            usage: KernelOverhead --only guarded|direct [--windows 15] [--seconds 30] [--warm-up 120] [--rate 50]
                                  [--seed 42] [--start-on-stdin]
            """;

    /**
     * Reads the arguments; {@code --only} is required.
     *
     * @throws IllegalArgumentException naming the argument if one is missing, unknown, lacks its value or is out of range
     */
    static SoloOptions parse(String... args) {
        Set<String> named = new HashSet<>(WindowOptions.NAMES);
        named.add("only");
        Arguments given = Arguments.parse(named, Set.of("start-on-stdin"), args);
        String only = given.text("only").orElseThrow(() -> new IllegalArgumentException("--only is required"));
        Mode mode = switch (only.toLowerCase(Locale.ROOT)) {
            case "guarded" -> Mode.GUARDED;
            case "direct" -> Mode.DIRECT;
            default -> throw new IllegalArgumentException("--only must be guarded or direct, was '" + only + "'");
        };
        return new SoloOptions(mode, WindowOptions.read(given), given.flag("start-on-stdin"));
    }
}
