package io.homeostat.core.signal;

import java.util.Map;
import java.util.Objects;

/** Checks shared by the signal records' constructors. */
final class Signals {

    private Signals() {}

    static String requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static Map<String, String> tags(Map<String, String> tags) {
        return tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
    }

    static double requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }
}
