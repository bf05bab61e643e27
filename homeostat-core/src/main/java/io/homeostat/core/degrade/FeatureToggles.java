package io.homeostat.core.degrade;

import io.homeostat.core.Listeners;
import io.homeostat.core.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The switchboard the application consults before doing optional work:
 * {@code if (toggles.isEnabled("recommendations")) ...}. Each feature is registered with the
 * worst {@link DegradationLevel} at which it stays on (a feature registered with
 * {@link DegradationLevel#FULL} is off from {@link DegradationLevel#REDUCED} on); a manual
 * override forces it on or off whatever the level until cleared.
 *
 * <p>Thread-safe. {@link #isEnabled(String)} reads an immutable map and the level, two volatile
 * reads, and allocates nothing. Changes share the {@link Degradation}'s lock, so listeners see
 * level-driven and override-driven changes in one order; a listener hears only when a feature
 * actually turns on or off, and one that throws is counted in {@link #listenerFailures()}.
 */
public final class FeatureToggles {

    private final Degradation degradation;
    private final Clock clock;
    private final Listeners<FeatureChange> listeners = new Listeners<>();
    private volatile Map<String, Feature> features = Map.of();

    private FeatureToggles(Degradation degradation, Clock clock) {
        this.degradation = degradation;
        this.clock = clock;
    }

    /**
     * A switchboard with no features that follows {@code degradation}; override times come
     * from {@code clock}.
     */
    public static FeatureToggles create(Degradation degradation, Clock clock) {
        FeatureToggles toggles = new FeatureToggles(Objects.requireNonNull(degradation, "degradation"),
                Objects.requireNonNull(clock, "clock"));
        degradation.subscribe(toggles::levelChanged);
        return toggles;
    }

    /**
     * Adds a feature that stays on through {@code onThrough} and is off at every worse level.
     *
     * @throws IllegalArgumentException if {@code feature} is blank or already registered
     */
    public FeatureToggles register(String feature, DegradationLevel onThrough) {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(onThrough, "onThrough");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        degradation.lock.lock();
        try {
            if (features.containsKey(feature)) {
                throw new IllegalArgumentException("feature " + feature + " is already registered");
            }
            Map<String, Feature> copy = new HashMap<>(features);
            copy.put(feature, new Feature(feature, onThrough, null));
            features = Map.copyOf(copy);
        } finally {
            degradation.lock.unlock();
        }
        return this;
    }

    /**
     * Registers {@code feature} to stay on through {@code onThrough}, or, if it is registered,
     * moves the level it stays on through (keeping its override); listeners hear if that turns it
     * on or off now. A configuration reload uses it.
     *
     * @return true if the feature was new or its level changed
     * @throws IllegalArgumentException if {@code feature} is blank
     */
    public boolean define(String feature, DegradationLevel onThrough) {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(onThrough, "onThrough");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        degradation.lock.lock();
        try {
            Feature before = features.get(feature);
            if (before != null && before.onThrough() == onThrough) {
                return false;
            }
            Feature after = new Feature(feature, onThrough, before == null ? null : before.override());
            Map<String, Feature> copy = new HashMap<>(features);
            copy.put(feature, after);
            features = Map.copyOf(copy);
            DegradationLevel level = degradation.level();
            if (before != null && after.enabledAt(level) != before.enabledAt(level)) {
                listeners.fire(new FeatureChange(feature, after.enabledAt(level),
                        "on through " + before.onThrough() + " -> " + onThrough, clock.instant()));
            }
            return true;
        } finally {
            degradation.lock.unlock();
        }
    }

    /**
     * The worst level at which {@code feature} stays on (without an override).
     *
     * @throws UnknownFeatureException if {@code feature} was never registered
     */
    public DegradationLevel onThrough(String feature) {
        return require(feature).onThrough();
    }

    /**
     * Whether {@code feature} is on now.
     *
     * @throws NullPointerException if {@code feature} is null
     * @throws UnknownFeatureException (an {@link IllegalArgumentException}) naming the feature if
     *     it was never registered
     */
    public boolean isEnabled(String feature) {
        Feature registered = features.get(Objects.requireNonNull(feature, "feature"));
        if (registered == null) {
            throw new UnknownFeatureException(feature);
        }
        return registered.enabledAt(degradation.level());
    }

    /**
     * Forces {@code feature} on whatever the level, until {@link #clearOverride} or another force.
     *
     * @param reason why, kept with the override and told to listeners; not blank
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownFeatureException if {@code feature} was never registered
     */
    public void forceOn(String feature, String reason) {
        Degradation.requireReason(reason);
        applyOverride(feature, new FeatureOverride(true, reason, clock.instant()), "forced on: " + reason);
    }

    /**
     * Forces {@code feature} off whatever the level, until {@link #clearOverride} or another force.
     *
     * @param reason why, kept with the override and told to listeners; not blank
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownFeatureException if {@code feature} was never registered
     */
    public void forceOff(String feature, String reason) {
        Degradation.requireReason(reason);
        applyOverride(feature, new FeatureOverride(false, reason, clock.instant()), "forced off: " + reason);
    }

    /**
     * Removes the override of {@code feature}, so the level decides again.
     *
     * @param reason why, told to listeners; not blank
     * @return false if there was no override
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownFeatureException if {@code feature} was never registered
     */
    public boolean clearOverride(String feature, String reason) {
        Degradation.requireReason(reason);
        degradation.lock.lock();
        try {
            if (require(feature).override() == null) {
                return false;
            }
            applyOverride(feature, null, "override cleared: " + reason);
            return true;
        } finally {
            degradation.lock.unlock();
        }
    }

    /**
     * The override of {@code feature}, if any.
     *
     * @throws UnknownFeatureException if {@code feature} was never registered
     */
    public Optional<FeatureOverride> override(String feature) {
        return Optional.ofNullable(require(feature).override());
    }

    /** Every feature and whether it is on now, sorted by name. */
    public Map<String, Boolean> snapshot() {
        DegradationLevel level = degradation.level();
        Map<String, Boolean> states = new LinkedHashMap<>();
        features.values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(feature -> states.put(feature.name(), feature.enabledAt(level)));
        return states;
    }

    /** Calls {@code listener} whenever a feature turns on or off; the handle ends it. */
    public AutoCloseable subscribe(Consumer<? super FeatureChange> listener) {
        return listeners.add(listener);
    }

    /** Times a listener threw. */
    public long listenerFailures() {
        return listeners.failures();
    }

    private Feature require(String feature) {
        Objects.requireNonNull(feature, "feature");
        Feature registered = features.get(feature);
        if (registered == null) {
            throw new UnknownFeatureException(feature);
        }
        return registered;
    }

    private void applyOverride(String feature, FeatureOverride override, String why) {
        degradation.lock.lock();
        try {
            Feature before = require(feature);
            Feature after = before.withOverride(override);
            Map<String, Feature> copy = new HashMap<>(features);
            copy.put(feature, after);
            features = Map.copyOf(copy);
            DegradationLevel level = degradation.level();
            boolean enabled = after.enabledAt(level);
            if (enabled != before.enabledAt(level)) {
                listeners.fire(new FeatureChange(feature, enabled, why, clock.instant()));
            }
        } finally {
            degradation.lock.unlock();
        }
    }

    /** Runs under the degradation's lock, inside {@link Degradation#set}. */
    private void levelChanged(DegradationChange change) {
        String why = "degradation " + change.from() + " -> " + change.to() + ": " + change.reason();
        for (Feature feature : features.values()) {
            boolean enabled = feature.enabledAt(change.to());
            if (enabled != feature.enabledAt(change.from())) {
                listeners.fire(new FeatureChange(feature.name(), enabled, why, change.time()));
            }
        }
    }
}
