package io.homeostat.engine.port.contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The life of the store a contract tests: a new, empty one before each test, released after it,
 * and reopened where a test shows what outlives a restart.
 */
public abstract class StoreContract<S> {

    protected S store;

    /** An empty store, fresh for each test. */
    protected abstract S newStore();

    /**
     * The same stored content as seen by a new process: close {@code store} and open another over
     * the same backing storage. The same instance by default (for stores with nothing to reopen).
     */
    protected S reopen(S store) {
        return store;
    }

    /** Releases a store; nothing by default. */
    protected void closeStore(S store) {}

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }
}
