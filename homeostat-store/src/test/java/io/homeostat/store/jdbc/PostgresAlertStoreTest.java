package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.contract.AlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresAlertStoreTest extends AlertStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("alert");
    private JdbcStore jdbc;

    @Override
    protected AlertStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.alerts();
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
