package io.homeostat.core.fallback;

import java.time.Duration;

/** Formats the age of a cached value for people: {@code 7m}, {@code 1h2m}, {@code 45s}, {@code 350ms}. */
final class Ages {

    private Ages() {}

    static String format(Duration age) {
        if (age.compareTo(Duration.ofSeconds(1)) < 0) {
            return age.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long hours = age.toHours();
        int minutes = age.toMinutesPart();
        int seconds = age.toSecondsPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        return text.toString();
    }
}
