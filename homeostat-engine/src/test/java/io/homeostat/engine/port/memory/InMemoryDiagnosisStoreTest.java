package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.contract.DiagnosisStoreContract;

class InMemoryDiagnosisStoreTest extends DiagnosisStoreContract {

    @Override
    protected DiagnosisStore newStore() {
        return new InMemoryDiagnosisStore();
    }
}
