package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.PatternStore;
import io.homeostat.engine.port.contract.PatternStoreContract;

class InMemoryPatternStoreTest extends PatternStoreContract {

    @Override
    protected PatternStore newStore() {
        return new InMemoryPatternStore();
    }
}
