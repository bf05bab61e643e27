package io.homeostat.engine.plan;

import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the health score sets the degradation level (issue 5, automatic degradation), with
 * hysteresis: a score below a level's {@code below} steps down to it at once; the level is left
 * one step at a time, each after the score stayed above the level's {@code recoverAbove} for
 * {@code hold} without a break. Immutable; validated on creation (bad values are rejected, never
 * clamped). Read from YAML by {@link DegradationPolicyReader}.
 *
 * @param service whose health is scored: a service name, or {@value #SYSTEM} for every service
 * @param levels the levels from the mildest to the worst: each strictly worse than the one before,
 *     with strictly lower {@code below} and {@code recoverAbove}; at least one
 * @param hold how long the score must stay above a level's {@code recoverAbove} before it steps
 *     up one level (default {@link #DEFAULT_HOLD}); positive
 * @param maxLevel the worst level set without a person (default {@link DegradationLevel#ESSENTIAL},
 *     the worst the {@code set_degradation} action counts as medium risk); a score that calls for
 *     worse sets this level and escalates. One of {@code levels}' levels.
 */
public record DegradationPolicy(String service, List<DegradationThreshold> levels, Duration hold,
        DegradationLevel maxLevel) {

    /** The service name that stands for every service: {@value}. */
    public static final String SYSTEM = "*";

    /** The default hold before stepping up: 2 minutes. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(2);

    /**
     * @throws IllegalArgumentException if a rule above is broken
     * @throws NullPointerException if a component is null
     */
    public DegradationPolicy {
        Objects.requireNonNull(service, "service");
        if (service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("levels needs at least one level");
        }
        for (int i = 1; i < levels.size(); i++) {
            DegradationThreshold milder = levels.get(i - 1);
            DegradationThreshold worse = levels.get(i);
            if (!worse.level().isWorseThan(milder.level())) {
                throw new IllegalArgumentException("levels must go from the mildest to the worst: " + worse.level()
                        + " comes after " + milder.level());
            }
            if (!(worse.below() < milder.below() && worse.recoverAbove() < milder.recoverAbove())) {
                throw new IllegalArgumentException("a worse level needs lower scores: " + worse.level() + " (below "
                        + worse.below() + ", recover_above " + worse.recoverAbove() + ") against " + milder.level()
                        + " (below " + milder.below() + ", recover_above " + milder.recoverAbove() + ")");
            }
        }
        Durations.requirePositive(hold, "hold");
        Objects.requireNonNull(maxLevel, "maxLevel");
        if (levels.stream().noneMatch(t -> t.level() == maxLevel)) {
            throw new IllegalArgumentException("max_level " + maxLevel + " is not one of the levels "
                    + levels.stream().map(DegradationThreshold::level).toList());
        }
    }

    /**
     * For every service: reduced below 0.8 (back above 0.9), essential below 0.6 (0.75), read-only
     * below 0.4 (0.55), maintenance below 0.2 (0.35); a hold of 2 minutes; essential at most
     * without a person.
     */
    public static DegradationPolicy ofDefaults() {
        return new DegradationPolicy(SYSTEM, List.of(
                new DegradationThreshold(DegradationLevel.REDUCED, 0.8, 0.9),
                new DegradationThreshold(DegradationLevel.ESSENTIAL, 0.6, 0.75),
                new DegradationThreshold(DegradationLevel.READ_ONLY, 0.4, 0.55),
                new DegradationThreshold(DegradationLevel.MAINTENANCE, 0.2, 0.35)), DEFAULT_HOLD,
                DegradationLevel.ESSENTIAL);
    }

    /** The level {@code score} calls for: the worst whose {@code below} it is under; FULL if none. */
    public DegradationLevel levelFor(double score) {
        DegradationLevel level = DegradationLevel.FULL;
        for (DegradationThreshold t : levels) {
            if (score < t.below()) {
                level = t.level();
            }
        }
        return level;
    }

    /** The thresholds of {@code level}, if it is one of the levels. */
    public Optional<DegradationThreshold> threshold(DegradationLevel level) {
        return levels.stream().filter(t -> t.level() == level).findFirst();
    }

    /** One step up from {@code level}: the next milder configured level, or FULL from the mildest. */
    public DegradationLevel stepUp(DegradationLevel level) {
        DegradationLevel up = DegradationLevel.FULL;
        for (DegradationThreshold t : levels) {
            if (t.level().isWorseThan(level) || t.level() == level) {
                return up;
            }
            up = t.level();
        }
        return up;
    }
}
