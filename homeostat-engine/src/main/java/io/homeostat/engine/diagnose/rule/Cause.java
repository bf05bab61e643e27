package io.homeostat.engine.diagnose.rule;

import io.homeostat.engine.diagnose.Confidence;
import java.util.Objects;

/**
 * A cause a rule suggests when it fires, with how likely it is given the rule's evidence.
 * Immutable and thread-safe.
 *
 * @param name what, for people, e.g. {@code connection pool exhaustion}
 * @param confidence in [0, 1]
 */
public record Cause(String name, double confidence) {

    /** @throws IllegalArgumentException if the name is blank or the confidence is outside [0, 1] */
    public Cause {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Confidence.require(confidence, "confidence");
    }
}
