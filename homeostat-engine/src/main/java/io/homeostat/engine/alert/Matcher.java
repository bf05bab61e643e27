package io.homeostat.engine.alert;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on one label, used by routes and silences. A missing label reads as the empty
 * string, so {@code team!=db} matches an alert without a team. Values of {@value Labels#SEVERITY}
 * compare in any case, with each of the three operators: alerts carry {@code high} while the API
 * and the CLI print {@code HIGH}, and {@code severity=HIGH} means the same. Other values compare
 * exactly. Immutable and thread-safe.
 *
 * @param label the label's name
 * @param op how to compare
 * @param value the value, or a regular expression that must match the whole value
 */
public record Matcher(String label, Op op, String value) {

    /** How a matcher compares. */
    public enum Op {
        EQUALS,
        NOT_EQUALS,
        REGEX
    }

    /**
     * @throws IllegalArgumentException if {@code label} is blank or a regular expression does not
     *     compile
     */
    public Matcher {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op == Op.REGEX) {
            Pattern.compile(value);
        }
    }

    /** {@code label=value}. */
    public static Matcher eq(String label, String value) {
        return new Matcher(label, Op.EQUALS, value);
    }

    /** {@code label!=value}. */
    public static Matcher ne(String label, String value) {
        return new Matcher(label, Op.NOT_EQUALS, value);
    }

    /** {@code label=~regex}, the whole value must match. */
    public static Matcher regex(String label, String regex) {
        return new Matcher(label, Op.REGEX, regex);
    }

    /** True if {@code labels} satisfy this condition. */
    public boolean matches(Labels labels) {
        String actual = labels.get(label).orElse("");
        boolean anyCase = Labels.SEVERITY.equals(label);
        return switch (op) {
            case EQUALS -> anyCase ? actual.equalsIgnoreCase(value) : actual.equals(value);
            case NOT_EQUALS -> !(anyCase ? actual.equalsIgnoreCase(value) : actual.equals(value));
            case REGEX -> Pattern.compile(value, anyCase ? Pattern.CASE_INSENSITIVE : 0).matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return label + switch (op) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "!=";
            case REGEX -> "=~";
        } + value;
    }
}
