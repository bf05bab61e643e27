package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.contract.WorkflowStoreContract;

class InMemoryWorkflowStoreTest extends WorkflowStoreContract {

    @Override
    protected WorkflowStore newStore() {
        return new InMemoryWorkflowStore();
    }
}
