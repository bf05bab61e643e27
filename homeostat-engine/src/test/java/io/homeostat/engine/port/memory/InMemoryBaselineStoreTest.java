package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.contract.BaselineStoreContract;

class InMemoryBaselineStoreTest extends BaselineStoreContract {

    @Override
    protected BaselineStore newStore() {
        return new InMemoryBaselineStore();
    }
}
