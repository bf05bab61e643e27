package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.contract.EffectivenessStoreContract;

class InMemoryEffectivenessStoreTest extends EffectivenessStoreContract {

    @Override
    protected EffectivenessStore newStore() {
        return new InMemoryEffectivenessStore();
    }
}
