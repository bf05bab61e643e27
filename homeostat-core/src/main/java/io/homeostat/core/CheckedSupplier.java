package io.homeostat.core;

/**
 * The one call shape every guard runs: a supplier that may throw. Use {@code () -> { run(); return
 * null; }} for calls without a result.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface CheckedSupplier<T> {

    /** Performs the call. */
    T get() throws Exception;
}
