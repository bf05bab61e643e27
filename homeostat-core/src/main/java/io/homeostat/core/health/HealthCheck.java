package io.homeostat.core.health;

/**
 * One probe of something the service depends on: the heap, a database, an upstream endpoint.
 * A check returns what it saw; a check that throws counts as a failure, with the exception in
 * the report. Checks run on the {@link HealthRegistry}'s executor under a timeout, so they may
 * block, and should stop when interrupted.
 *
 * <p>Implementations must be thread-safe: the registry may run a check again while an earlier
 * run that timed out is still finishing.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes once.
     *
     * @return what the check saw; never null
     * @throws Exception if the probe failed; the registry reports it as a failure
     */
    HealthResult check() throws Exception;
}
