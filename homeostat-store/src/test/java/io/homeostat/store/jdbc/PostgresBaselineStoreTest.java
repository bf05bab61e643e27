package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.contract.BaselineStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresBaselineStoreTest extends BaselineStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("baseline");
    private JdbcStore jdbc;

    @Override
    protected BaselineStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.baselines();
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
