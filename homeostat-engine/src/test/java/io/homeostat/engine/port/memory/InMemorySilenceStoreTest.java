package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.contract.SilenceStoreContract;

class InMemorySilenceStoreTest extends SilenceStoreContract {

    @Override
    protected SilenceStore newStore() {
        return new InMemorySilenceStore();
    }
}
