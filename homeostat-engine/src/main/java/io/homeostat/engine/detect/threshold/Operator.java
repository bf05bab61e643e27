package io.homeostat.engine.detect.threshold;

import java.util.Optional;

/** How a rule compares a value with its threshold. */
public enum Operator {
    /** {@code >}: fires above the threshold, clears at or below the clear level. */
    ABOVE(">"),
    /** {@code >=}: fires at or above the threshold, clears below the clear level. */
    AT_OR_ABOVE(">="),
    /** {@code <}: fires below the threshold, clears at or above the clear level. */
    BELOW("<"),
    /** {@code <=}: fires at or below the threshold, clears above the clear level. */
    AT_OR_BELOW("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** {@code >}, {@code >=}, {@code <} or {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /** True for the operators that fire on high values. */
    public boolean upward() {
        return this == ABOVE || this == AT_OR_ABOVE;
    }

    /** True if {@code value} breaches {@code threshold}. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case ABOVE -> value > threshold;
            case AT_OR_ABOVE -> value >= threshold;
            case BELOW -> value < threshold;
            case AT_OR_BELOW -> value <= threshold;
        };
    }

    /** True if {@code value} is back past {@code clearLevel}: the negation of a breach of it. */
    public boolean clears(double value, double clearLevel) {
        return !breaches(value, clearLevel);
    }

    /** The operator written {@code text}: a symbol or a name such as {@code above}. */
    public static Optional<Operator> parse(String text) {
        for (Operator operator : values()) {
            if (operator.symbol.equals(text) || operator.name().replace("_", "-").equalsIgnoreCase(text)
                    || operator.name().equalsIgnoreCase(text)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
