/**
 * Error classification: {@link io.homeostat.core.classify.ErrorClassifier} maps a failure to an
 * {@link io.homeostat.core.classify.ErrorCategory} (timeout, connection refused, DNS error, rate
 * limit, quota exceeded, unavailable, rejected, unknown). Part of MONITOR: retry, fallback and
 * diagnosis all decide by category, and every failure signal carries one.
 */
package io.homeostat.core.classify;
