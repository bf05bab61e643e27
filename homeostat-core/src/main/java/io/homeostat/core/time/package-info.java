/**
 * Time, injected: {@link io.homeostat.core.time.Clock} (wall and monotonic),
 * {@link io.homeostat.core.time.Scheduler} for delayed work, and
 * {@link io.homeostat.core.time.ManualClock} for tests. The only package allowed to read the
 * system clock or sleep; every layer of the loop takes its time from here.
 */
package io.homeostat.core.time;
