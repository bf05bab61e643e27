package io.homeostat.engine.detect.internal;

import java.time.Duration;
import java.util.Locale;

/** How numbers and durations read in detection summaries and evidence. Thread-safe. */
public final class Wording {

    private Wording() {}

    /** Up to four significant digits, no exponent for everyday magnitudes: {@code 0.0512}, {@code 2150}. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            String text = String.format(Locale.ROOT, "%.4g", value);
            if (text.contains("e")) {
                return text;
            }
            return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /**
     * A value of {@code metric} as people read it: shares ({@code *.ratio}, {@code *.load},
     * {@code error.rate}) as percentages ({@code 90 %}), anything else as {@link #number(double)}.
     */
    public static String value(String metric, double value) {
        if (metric.endsWith(".ratio") || metric.endsWith(".load") || metric.equals("error.rate")) {
            return number(Math.round(value * 1000) / 10.0) + " %";
        }
        return number(value);
    }

    /** {@code 45s}, {@code 8 min}, {@code 2.5 h}: the unit a person would use. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 120_000) {
            return number(Math.round(millis / 100.0) / 10.0) + "s";
        }
        if (millis < 7_200_000) {
            return Math.round(millis / 60_000.0) + " min";
        }
        if (millis < 172_800_000) {
            return number(Math.round(millis / 360_000.0) / 10.0) + " h";
        }
        return number(Math.round(millis / 8_640_000.0) / 10.0) + " d";
    }
}
