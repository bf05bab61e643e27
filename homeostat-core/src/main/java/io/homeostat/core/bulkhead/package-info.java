/**
 * Bulkheads: {@link io.homeostat.core.bulkhead.Bulkhead} caps the calls in flight to one
 * dependency, with a fixed (semaphore) or adaptive (AIMD or Vegas) limit. The innermost policy of a
 * {@code Guard}; its rejections and its moving limit feed MONITOR through the guard's signals.
 */
package io.homeostat.core.bulkhead;
