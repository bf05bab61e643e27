package io.homeostat.engine.learn.advice;

import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.learn.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a pattern is expected back, and the problem it stands for. Stateless. */
final class Recurrence {

    private static final Duration DAY = Duration.ofDays(1);

    private Recurrence() {}

    /**
     * The first predicted occurrence at or after {@code now}: for a time-of-day pattern the same
     * clock time as its last occurrence on a later day; for a recurring one its last occurrence
     * plus the mean interval between occurrences, if that is not already past. Co-occurrences
     * predict no time.
     */
    static Optional<Instant> next(Pattern pattern, Instant now) {
        return switch (pattern.kind()) {
            case TEMPORAL -> {
                Instant next = pattern.lastSeen();
                if (next.isBefore(now)) {
                    long days = Duration.between(next, now).toMillis() / DAY.toMillis();
                    next = next.plus(DAY.multipliedBy(days));
                    if (next.isBefore(now)) {
                        next = next.plus(DAY);
                    }
                }
                yield Optional.of(next);
            }
            case RECURRING -> {
                if (pattern.occurrences() < 2) {
                    yield Optional.empty();
                }
                Duration interval = Duration.between(pattern.firstSeen(), pattern.lastSeen())
                        .dividedBy(pattern.occurrences() - 1);
                Instant next = pattern.lastSeen().plus(interval);
                yield interval.isZero() || next.isBefore(now) ? Optional.empty() : Optional.of(next);
            }
            case CO_OCCURRENCE -> Optional.empty();
        };
    }

    /**
     * The problem of a pattern: its signature and its failure category (the part of the failure
     * signature before {@code :}, e.g. {@code timeout} of {@code recurring|api|timeout:http.504}),
     * or {@code co-occurrence}.
     */
    static Problem problem(Pattern pattern) {
        if (pattern.kind() == PatternKind.CO_OCCURRENCE) {
            return new Problem(pattern.signature(), PatternKind.CO_OCCURRENCE.label());
        }
        String failure = pattern.signature().substring(pattern.signature().lastIndexOf('|') + 1);
        int colon = failure.indexOf(':');
        String category = colon > 0 ? failure.substring(0, colon) : failure;
        return new Problem(pattern.signature(), category.isBlank() ? pattern.kind().label() : category);
    }
}
