package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.contract.WorkflowStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The workflow store contract on an H2 file database, a fresh one per test. */
class H2WorkflowStoreTest extends WorkflowStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected WorkflowStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.workflows();
    }

    @AfterEach
    void closeStore() {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}
