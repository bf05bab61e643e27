/**
 * Graceful degradation, the Execute stage's gentlest lever: a service-wide
 * {@link io.homeostat.core.degrade.DegradationLevel} (full, reduced, essential, read only,
 * maintenance) held by {@link io.homeostat.core.degrade.Degradation}, and the
 * {@link io.homeostat.core.degrade.FeatureToggles} switchboard the application consults to
 * decide which features to offer at that level, with manual overrides for people.
 */
package io.homeostat.core.degrade;
