package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.contract.WorkflowStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow store contract on PostgreSQL, in a schema of this class's own (dropped after the
 * class); each test starts from emptied workflow tables.
 */
class PostgresWorkflowStoreTest extends WorkflowStoreContract {

    private static final String SCHEMA = TestDatabases.newSchemaName("workflow");

    @TempDir
    Path spool;

    private JdbcStore jdbc;

    @Override
    protected WorkflowStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(SCHEMA, spool), ManualClock.create().scheduler());
        TestDatabases.empty(jdbc, "workflow_step", "workflow_run", "idempotency_claim");
        return jdbc.workflows();
    }

    @AfterEach
    void closeStore() {
        if (jdbc != null) {
            jdbc.close();
        }
    }

    @AfterAll
    static void dropSchema() {
        TestDatabases.dropPostgresSchema(SCHEMA);
    }
}
