package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.contract.ActiveAlertStoreContract;

class InMemoryActiveAlertStoreTest extends ActiveAlertStoreContract {

    @Override
    protected ActiveAlertStore newStore() {
        return new InMemoryActiveAlertStore();
    }
}
