package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.contract.RecoverySwitchStoreContract;

class InMemoryRecoverySwitchStoreTest extends RecoverySwitchStoreContract {

    @Override
    protected RecoverySwitchStore newStore() {
        return new InMemoryRecoverySwitchStore();
    }
}
