package io.homeostat.store.redis;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.signal.CircuitTransition;

/**
 * One local breaker and what this instance knows of its shared state: the version of the shared
 * state the local one last agreed with, and whether the local breaker has changed since. Synced
 * only under {@link SharedBreakers}' sync lock; the dirty flag is set from any thread.
 */
final class SharedBreaker {

    /** The version when this instance has not seen the shared state yet. */
    static final long UNSEEN = -1;

    private static final String IMPORTED = "state imported: ";

    final CircuitBreaker breaker;
    private volatile boolean dirty;
    private long version = UNSEEN;

    SharedBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    /**
     * The breaker's transition listener: its own transitions are to be pushed, imports are not.
     *
     * @return true if the transition is to be pushed
     */
    boolean onTransition(CircuitTransition transition) {
        if (transition.reason().startsWith(IMPORTED)) {
            return false;
        }
        dirty = true;
        return true;
    }

    /** The version last agreed with, or {@link #UNSEEN}. */
    long version() {
        return version;
    }

    /**
     * Brings the local breaker and Redis together. A local change is stored as the next version
     * if the shared state has not moved since this instance last agreed with it; if it has moved
     * (another instance changed it first, or changed it while Redis was out of this instance's
     * reach) the shared state wins and is imported. With no local change, a newer shared state is
     * imported, and a shared state that went back (Redis lost its data) is written again.
     *
     * @return true if the shared state won over a local change
     * @throws io.lettuce.core.RedisException if Redis cannot be reached; the local change stays
     *     pending
     */
    boolean sync(BreakerStateStore store) {
        if (!dirty) {
            BreakerStateStore.Versioned shared = store.read(breaker.name());
            if (shared.state().isPresent()) {
                if (version == UNSEEN || shared.version() > version) {
                    adopt(shared);
                    return false;
                }
                if (shared.version() == version) {
                    return false;
                }
            }
            version = shared.version(); // Redis holds nothing, or less than this instance saw: write ours
        }
        dirty = false;
        BreakerState local = breaker.exportState();
        BreakerStateStore.Outcome outcome;
        try {
            outcome = store.compareAndSet(breaker.name(), version == UNSEEN ? 0 : version, local);
        } catch (RuntimeException e) {
            dirty = true;
            throw e;
        }
        if (outcome.stored()) {
            version = outcome.now().version();
            return false;
        }
        if (outcome.now().state().isEmpty()) {
            version = outcome.now().version(); // Redis lost it: store ours on the next sync
            dirty = true;
            return false;
        }
        adopt(outcome.now());
        return true;
    }

    private void adopt(BreakerStateStore.Versioned shared) {
        breaker.importState(shared.state().orElseThrow());
        version = shared.version();
    }
}
