package io.homeostat.engine.learn;

import java.util.List;
import java.util.Objects;

/**
 * The problem a recovery action was tried on, at two grains: the incident's fingerprint (this very
 * problem, seen again) and its failure type (any problem of this kind, e.g. {@code database} or
 * {@code timeout}). Outcomes are tallied under both; a ranking uses the fingerprint's tally once it
 * holds enough evidence and the failure type's before. Immutable and thread-safe.
 *
 * @param fingerprint the incident's fingerprint, e.g. {@code db:primary|errors|connection}
 * @param failureType the diagnosed category or error type, e.g. {@code database}
 */
public record Problem(String fingerprint, String failureType) {

    /** Prefix of the store key under which a failure type's tally is kept. */
    public static final String TYPE_PREFIX = "type:";

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component is blank, or the fingerprint starts with
     *     {@value #TYPE_PREFIX} (that prefix marks failure-type keys)
     */
    public Problem {
        requireText(fingerprint, "fingerprint");
        requireText(failureType, "failureType");
        if (fingerprint.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("a fingerprint must not start with " + TYPE_PREFIX + ": " + fingerprint);
        }
    }

    /** The store key of the failure type's tally: {@code type:} and the failure type. */
    public String typeKey() {
        return TYPE_PREFIX + failureType;
    }

    /** The store keys outcomes are tallied under: the fingerprint, then {@link #typeKey()}. */
    public List<String> keys() {
        return List.of(fingerprint, typeKey());
    }

    static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
