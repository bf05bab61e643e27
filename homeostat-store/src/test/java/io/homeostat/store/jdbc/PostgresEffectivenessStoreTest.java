package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.contract.EffectivenessStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresEffectivenessStoreTest extends EffectivenessStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("effect");
    private JdbcStore jdbc;

    @Override
    protected EffectivenessStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.effectiveness();
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
