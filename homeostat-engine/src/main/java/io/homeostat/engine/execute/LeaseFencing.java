package io.homeostat.engine.execute;

import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.LeaseUnavailableException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Fencing} over the leader {@link Lease}: this process may act while the grant it holds
 * carries the newest token. When the lease store cannot be reached it does not act (when in
 * doubt, do nothing). Thread-safe if {@code held} is.
 */
public final class LeaseFencing implements Fencing {

    private final Lease lease;
    private final Supplier<Optional<LeaseGrant>> held;

    /**
     * @param lease the leader lease
     * @param held the grant this process holds now (empty when it is not the leader); the
     *     process's lease keeper updates it on acquire, renew and loss
     */
    public LeaseFencing(Lease lease, Supplier<Optional<LeaseGrant>> held) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.held = Objects.requireNonNull(held, "held");
    }

    @Override
    public long token() {
        return held.get().map(LeaseGrant::token).orElse(0L);
    }

    @Override
    public boolean valid(long token) {
        if (token <= 0) {
            return false;
        }
        try {
            return lease.validate(token);
        } catch (LeaseUnavailableException e) {
            return false;
        }
    }
}
