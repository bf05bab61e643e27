package io.homeostat.core.health.checks;

import java.util.Locale;

/** Formats ratios for details and messages, the same way in every built-in check. */
final class Percent {

    private Percent() {}

    /** {@code 0.8123} as {@code 81.2%}. */
    static String of(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** {@code 0.81234} as {@code 0.8123}. */
    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.4f", ratio);
    }
}
