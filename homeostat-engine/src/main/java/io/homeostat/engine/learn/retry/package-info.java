/**
 * KNOWLEDGE feeding the kernel: adaptive retry delays. The
 * {@link io.homeostat.engine.learn.retry.RecoveryDelayLearner} watches each dependency's call
 * outcomes, learns how long after a failure the next success usually comes, and answers the
 * kernel's {@link io.homeostat.core.retry.DelayAdvisor} hook with that wait, bounded.
 */
package io.homeostat.engine.learn.retry;
