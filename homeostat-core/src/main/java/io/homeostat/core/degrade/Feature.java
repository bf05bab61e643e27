package io.homeostat.core.degrade;

/**
 * One registered feature: on through {@code onThrough}, unless overridden.
 *
 * @param override null when there is none
 */
record Feature(String name, DegradationLevel onThrough, FeatureOverride override) {

    boolean enabledAt(DegradationLevel level) {
        if (override != null) {
            return override.enabled();
        }
        return !level.isWorseThan(onThrough);
    }

    Feature withOverride(FeatureOverride newOverride) {
        return new Feature(name, onThrough, newOverride);
    }
}
