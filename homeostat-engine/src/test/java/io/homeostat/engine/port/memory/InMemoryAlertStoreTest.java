package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.contract.AlertStoreContract;

class InMemoryAlertStoreTest extends AlertStoreContract {

    @Override
    protected AlertStore newStore() {
        return new InMemoryAlertStore();
    }
}
