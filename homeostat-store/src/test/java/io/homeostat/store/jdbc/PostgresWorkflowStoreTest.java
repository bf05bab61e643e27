package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.contract.WorkflowStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresWorkflowStoreTest extends WorkflowStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("workflow");
    private JdbcStore jdbc;

    @Override
    protected WorkflowStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.workflows();
    }

    @AfterEach
    void close() {
        try {
            jdbc.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
