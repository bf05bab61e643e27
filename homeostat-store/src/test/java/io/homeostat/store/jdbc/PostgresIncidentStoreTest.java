package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.contract.IncidentStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresIncidentStoreTest extends IncidentStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("incident");
    private JdbcStore jdbc;

    @Override
    protected IncidentStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.incidents();
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
