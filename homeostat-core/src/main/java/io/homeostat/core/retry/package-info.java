/**
 * Retries: {@link io.homeostat.core.retry.Retry} decides whether and when a failed attempt is
 * tried again (attempt limit, capped {@link io.homeostat.core.retry.Backoff} with jitter, a
 * {@link io.homeostat.core.retry.DelayAdvisor} hook for learned waits, predicates,
 * non-retryable categories and a {@link io.homeostat.core.retry.RetryBudget} against retry
 * storms). A policy of the {@code Guard}, which does the waiting on its injected scheduler.
 */
package io.homeostat.core.retry;
