package io.homeostat.engine.execute;

/**
 * The leader lease's fencing, checked right before each action: a process that lost the lease
 * (its token is no longer the newest) must not act. An adapter over the {@code Lease} port
 * implements it in distributed mode. Implementations must be thread-safe.
 */
public interface Fencing {

    /** No lease: one process, always allowed. */
    Fencing NONE = new Fencing() {
        @Override
        public long token() {
            return 0;
        }

        @Override
        public boolean valid(long token) {
            return true;
        }
    };

    /** The token this process holds. */
    long token();

    /** True if {@code token} is still the newest one granted. */
    boolean valid(long token);
}
