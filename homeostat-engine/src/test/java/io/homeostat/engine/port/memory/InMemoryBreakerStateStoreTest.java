package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.BreakerStateStore;
import io.homeostat.engine.port.contract.BreakerStateStoreContract;

class InMemoryBreakerStateStoreTest extends BreakerStateStoreContract {

    @Override
    protected BreakerStateStore newStore() {
        return new InMemoryBreakerStateStore();
    }
}
