package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import java.util.function.Predicate;

/**
 * Applies the configured predicates to an outcome: ignored, failure or success. A predicate that
 * throws makes the call a failure (it is the safer reading of a broken rule). Immutable.
 */
final class OutcomeRules {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int IGNORED = 2;

    private final Predicate<Throwable> ignoreException;
    private final Predicate<Throwable> recordException;
    private final Predicate<Object> recordResult;

    OutcomeRules(CircuitBreakerConfig config) {
        this.ignoreException = config.ignoreException();
        this.recordException = config.recordException();
        this.recordResult = config.recordResult();
    }

    /** Whether a returned result counts as a failure. */
    boolean resultFails(Object result) {
        try {
            return recordResult.test(result);
        } catch (RuntimeException predicateFailed) {
            return true;
        }
    }

    /** {@link #IGNORED} (checked first), {@link #FAILURE} or {@link #SUCCESS} for a thrown error. */
    int classify(Throwable error) {
        try {
            if (ignoreException.test(error)) {
                return IGNORED;
            }
            return recordException.test(error) ? FAILURE : SUCCESS;
        } catch (RuntimeException predicateFailed) {
            return FAILURE;
        }
    }
}
