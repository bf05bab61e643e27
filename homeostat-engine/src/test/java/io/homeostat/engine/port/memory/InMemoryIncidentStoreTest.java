package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.contract.IncidentStoreContract;

class InMemoryIncidentStoreTest extends IncidentStoreContract {

    @Override
    protected IncidentStore newStore() {
        return new InMemoryIncidentStore();
    }
}
