package io.homeostat.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code ./homeostat demo}. Immutable; validated on construction.
 *
 * @param duration how long traffic runs; default 150 s, in [10 s, 1 h]
 * @param rate triage requests per second; default 50, in [1, 500]
 * @param scenario a YAML chaos schedule; empty for the shipped one
 * @param chaos false to run without faults ({@code --no-chaos})
 * @param port the dashboard's port; default 8080 (if taken, a free one is used), 0 for any
 * @param seed the seed of the schedule's jitter and of the traffic; default 42
 * @param reportDirectory where the JSON and Markdown reports go; default {@code ./demo-report}
 */
public record DemoOptions(Duration duration, int rate, Optional<Path> scenario, boolean chaos, int port, long seed,
        Path reportDirectory) {

    static final String USAGE = """
            usage: ./homeostat demo [--duration 150s] [--rate 50] [--scenario FILE.yaml] [--no-chaos]
                                    [--port 8080] [--seed 42] [--report DIR]
                   ./homeostat demo --tour [--seconds N]   the kernel tour (one guarded provider, no server)
            """;

    public DemoOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        if (duration.compareTo(Duration.ofSeconds(10)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--duration must be in [10s, 1h], was " + duration.toSeconds() + "s");
        }
        if (rate < 1 || rate > 500) {
            throw new IllegalArgumentException("--rate must be in [1, 500] requests a second, was " + rate);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], was " + port);
        }
    }

    /** The defaults: 150 s at 50 requests a second, the shipped schedule, port 8080, seed 42. */
    public static DemoOptions defaults() {
        return new DemoOptions(Duration.ofSeconds(150), 50, Optional.empty(), true, 8080, 42, Path.of("demo-report"));
    }

    /**
     * Parses command-line arguments over the defaults.
     *
     * @throws IllegalArgumentException naming the option if one is unknown, lacks its value or has a bad one
     */
    public static DemoOptions parse(String... args) {
        DemoOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-chaos")) {
                o = new DemoOptions(o.duration, o.rate, o.scenario, false, o.port, o.seed, o.reportDirectory);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") && known(option)
                        ? option + " needs a value" : "unknown option '" + option + "'");
            }
            String value = args[++i];
            o = switch (option) {
                case "--duration" -> new DemoOptions(duration(value), o.rate, o.scenario, o.chaos, o.port, o.seed, o.reportDirectory);
                case "--rate" -> new DemoOptions(o.duration, number(option, value), o.scenario, o.chaos, o.port, o.seed, o.reportDirectory);
                case "--scenario" -> new DemoOptions(o.duration, o.rate, Optional.of(Path.of(value)), o.chaos, o.port, o.seed, o.reportDirectory);
                case "--port" -> new DemoOptions(o.duration, o.rate, o.scenario, o.chaos, number(option, value), o.seed, o.reportDirectory);
                case "--seed" -> new DemoOptions(o.duration, o.rate, o.scenario, o.chaos, o.port, seed(value), o.reportDirectory);
                case "--report" -> new DemoOptions(o.duration, o.rate, o.scenario, o.chaos, o.port, o.seed, Path.of(value));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            };
        }
        return o;
    }

    private static boolean known(String option) {
        return switch (option) {
            case "--duration", "--rate", "--scenario", "--port", "--seed", "--report" -> true;
            default -> false;
        };
    }

    private static Duration duration(String value) {
        String v = value.strip();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration must be like 150, 150s or 3m, was '" + value + "'");
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, was '" + value + "'");
        }
    }
}
