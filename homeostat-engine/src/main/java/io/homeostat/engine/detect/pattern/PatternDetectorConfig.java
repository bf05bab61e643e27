package io.homeostat.engine.detect.pattern;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a {@link PatternDetector} groups failures into episodes and what counts as a pattern.
 * Immutable and thread-safe; validated on creation (bad values are rejected, never clamped).
 *
 * <p>Failures of one signature on one service that follow each other within the
 * {@code episodeGap} form one <em>episode</em>; patterns count episodes, so a burst of a thousand
 * errors is one occurrence, not a thousand.
 *
 * <p>Knobs left out, and why: separate windows per pattern kind (one window, one mental model),
 * the episode starts kept per signature (fixed at 128, enough for the temporal lookback at a few
 * episodes a day), and the share of episodes a time-of-day cluster must hold (fixed at half).
 *
 * @param episodeGap the longest quiet gap inside one episode (default 5 min)
 * @param window the window over which recurrences and co-occurrences are counted (default 24 h)
 * @param minOccurrences episodes (or joint episodes) within the window that make a recurring or
 *     co-occurrence pattern (default 3)
 * @param coOccurrenceInterval how close the starts of two services' episodes must be to count as
 *     failing together (default 1 min)
 * @param temporalLookback how far back episodes are compared by time of day (default 14 days)
 * @param temporalTolerance how far from the same time of day an episode may start and still match
 *     (default 30 min)
 * @param minDays distinct days with an episode around the same time that make a temporal pattern
 *     (default 3)
 * @param zone the time zone whose clock "time of day" means (default UTC)
 * @param maxSignatures failure signatures, and service pairs, tracked at most; the least recently
 *     seen are forgotten first; also the most patterns kept (default 1000)
 */
public record PatternDetectorConfig(
        Duration episodeGap,
        Duration window,
        int minOccurrences,
        Duration coOccurrenceInterval,
        Duration temporalLookback,
        Duration temporalTolerance,
        int minDays,
        ZoneId zone,
        int maxSignatures) {

    /**
     * Validates the configuration.
     *
     * @throws NullPointerException if a duration or the zone is null
     * @throws IllegalArgumentException if a duration is not positive; {@code episodeGap} or
     *     {@code coOccurrenceInterval} is not shorter than {@code window}; {@code minOccurrences}
     *     or {@code minDays} is below 2; {@code temporalTolerance} exceeds 3 hours;
     *     {@code temporalLookback} is shorter than {@code minDays} days; or {@code maxSignatures}
     *     is not in [1, 1,000,000]
     */
    public PatternDetectorConfig {
        requirePositive(episodeGap, "episodeGap");
        requirePositive(window, "window");
        requirePositive(coOccurrenceInterval, "coOccurrenceInterval");
        requirePositive(temporalLookback, "temporalLookback");
        requirePositive(temporalTolerance, "temporalTolerance");
        Objects.requireNonNull(zone, "zone");
        if (episodeGap.compareTo(window) >= 0) {
            throw new IllegalArgumentException("episodeGap (" + episodeGap + ") must be shorter than window (" + window + ")");
        }
        if (coOccurrenceInterval.compareTo(window) >= 0) {
            throw new IllegalArgumentException(
                    "coOccurrenceInterval (" + coOccurrenceInterval + ") must be shorter than window (" + window + ")");
        }
        if (minOccurrences < 2) {
            throw new IllegalArgumentException("minOccurrences must be at least 2, was " + minOccurrences);
        }
        if (minDays < 2) {
            throw new IllegalArgumentException("minDays must be at least 2, was " + minDays);
        }
        if (temporalTolerance.compareTo(Duration.ofHours(3)) > 0) {
            throw new IllegalArgumentException("temporalTolerance must be at most 3 h, was " + temporalTolerance);
        }
        if (temporalLookback.compareTo(Duration.ofDays(minDays)) < 0) {
            throw new IllegalArgumentException(
                    "temporalLookback (" + temporalLookback + ") must cover minDays (" + minDays + " days)");
        }
        if (maxSignatures < 1 || maxSignatures > 1_000_000) {
            throw new IllegalArgumentException("maxSignatures must be in [1, 1000000], was " + maxSignatures);
        }
    }

    /** Every default: see the record's parameters. */
    public static PatternDetectorConfig ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    /** Builds a {@link PatternDetectorConfig}; every value is checked by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration episodeGap = Duration.ofMinutes(5);
        private Duration window = Duration.ofHours(24);
        private int minOccurrences = 3;
        private Duration coOccurrenceInterval = Duration.ofMinutes(1);
        private Duration temporalLookback = Duration.ofDays(14);
        private Duration temporalTolerance = Duration.ofMinutes(30);
        private int minDays = 3;
        private ZoneId zone = ZoneOffset.UTC;
        private int maxSignatures = 1000;

        private Builder() {}

        /** Sets {@link PatternDetectorConfig#episodeGap()}. */
        public Builder episodeGap(Duration value) {
            this.episodeGap = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#window()}. */
        public Builder window(Duration value) {
            this.window = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#minOccurrences()}. */
        public Builder minOccurrences(int value) {
            this.minOccurrences = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#coOccurrenceInterval()}. */
        public Builder coOccurrenceInterval(Duration value) {
            this.coOccurrenceInterval = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#temporalLookback()}. */
        public Builder temporalLookback(Duration value) {
            this.temporalLookback = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#temporalTolerance()}. */
        public Builder temporalTolerance(Duration value) {
            this.temporalTolerance = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#minDays()}. */
        public Builder minDays(int value) {
            this.minDays = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#zone()}. */
        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        /** Sets {@link PatternDetectorConfig#maxSignatures()}. */
        public Builder maxSignatures(int value) {
            this.maxSignatures = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if a value is out of range (see the record)
         */
        public PatternDetectorConfig build() {
            return new PatternDetectorConfig(episodeGap, window, minOccurrences, coOccurrenceInterval,
                    temporalLookback, temporalTolerance, minDays, zone, maxSignatures);
        }
    }
}
