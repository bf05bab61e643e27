package io.homeostat.engine.internal;

import io.homeostat.core.time.Durations;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import java.time.Duration;

/**
 * Range checks of values read from a file (rules, workflows), so that a value out of range is
 * refused at its own key, in the file's words: the key as written and the value as written
 * ({@code 0s}, not {@code PT0S}). The models check again when built otherwise. Stateless and
 * thread-safe.
 */
public final class ConfigValues {

    private ConfigValues() {}

    /**
     * A duration of at most {@link Durations#LONGEST}; zero allowed.
     *
     * @throws ConfigException if it is not a duration or is longer
     */
    public static Duration duration(ConfigNode node) {
        Duration value = node.asDuration();
        if (value.compareTo(Durations.LONGEST) > 0) {
            throw node.error("must be at most " + Durations.LONGEST.toDays() + " days (about 146 years), was "
                    + written(node));
        }
        return value;
    }

    /**
     * A duration longer than zero and at most {@link Durations#LONGEST}.
     *
     * @throws ConfigException if it is not a duration, is zero or is longer
     */
    public static Duration positiveDuration(ConfigNode node) {
        Duration value = duration(node);
        if (value.isZero()) {
            throw node.error("must be longer than 0, was " + written(node));
        }
        return value;
    }

    /**
     * A whole number in {@code [min, max]}.
     *
     * @throws ConfigException if it is not a whole number or is outside
     */
    public static int intIn(ConfigNode node, int min, int max) {
        long value = node.asLong();
        if (value < min || value > max) {
            throw node.error("must be in [" + min + ", " + max + "], was " + written(node));
        }
        return (int) value;
    }

    /**
     * A number in {@code (0, 1]}, e.g. a confidence or a p-value.
     *
     * @throws ConfigException if it is not a number or is outside
     */
    public static double fraction(ConfigNode node) {
        double value = node.asDouble();
        if (!(value > 0 && value <= 1)) {
            throw node.error("must be in (0, 1], was " + written(node));
        }
        return value;
    }

    private static String written(ConfigNode node) {
        return node.asString().strip();
    }
}
