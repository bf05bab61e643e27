package io.homeostat.engine.detect.pattern;

import java.time.Instant;
import java.util.Objects;

/**
 * What to do about a service, drawn from one recognised {@link Pattern}. Immutable and thread-safe.
 *
 * @param service the service it is for
 * @param action what to do
 * @param cause why: the pattern's typical cause
 * @param pattern the signature of the pattern it comes from
 * @param kind the pattern's kind
 * @param confidence the pattern's confidence, in [0, 1]
 * @param lastSeen when the pattern last occurred
 */
public record Recommendation(
        String service, String action, String cause, String pattern, PatternKind kind, double confidence,
        Instant lastSeen) {

    public Recommendation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The recommendation {@code pattern} makes for {@code service}. */
    public static Recommendation of(String service, Pattern pattern) {
        return new Recommendation(service, pattern.recommendedAction(), pattern.typicalCause(), pattern.signature(),
                pattern.kind(), pattern.confidence(), pattern.lastSeen());
    }
}
