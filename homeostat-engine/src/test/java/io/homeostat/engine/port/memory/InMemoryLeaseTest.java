package io.homeostat.engine.port.memory;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.contract.LeaseContract;
import java.time.Duration;

class InMemoryLeaseTest extends LeaseContract {

    private final ManualClock clock = ManualClock.create();
    private final InMemoryLease lease = new InMemoryLease("planner", Duration.ofSeconds(10), clock);

    @Override
    protected Lease newReplica() {
        return lease;
    }

    @Override
    protected Duration ttl() {
        return lease.ttl();
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }
}
