package io.homeostat.engine.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the compact duration form used in configuration: {@code 100ms}, {@code 30s}, {@code 1h30m}.
 * Also for action parameters, which are strings. Stateless and thread-safe.
 */
public final class ConfigDurations {

    private ConfigDurations() {}

    /**
     * The duration {@code text} stands for.
     *
     * @return empty if {@code text} is not in the compact form
     */
    public static Optional<Duration> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        int i = 0;
        try {
            while (i < text.length()) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return Optional.empty();
                }
                long amount = Long.parseLong(text, start, i, 10);
                int unitStart = i;
                while (i < text.length() && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                Optional<Duration> part = unit(text.substring(unitStart, i), amount);
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                total = total.plus(part.get());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    private static Optional<Duration> unit(String unit, long amount) {
        return switch (unit) {
            case "ms" -> Optional.of(Duration.ofMillis(amount));
            case "s" -> Optional.of(Duration.ofSeconds(amount));
            case "m" -> Optional.of(Duration.ofMinutes(amount));
            case "h" -> Optional.of(Duration.ofHours(amount));
            case "d" -> Optional.of(Duration.ofDays(amount));
            default -> Optional.empty();
        };
    }
}
