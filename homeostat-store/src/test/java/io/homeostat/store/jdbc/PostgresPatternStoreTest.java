package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.PatternStore;
import io.homeostat.engine.port.contract.PatternStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresPatternStoreTest extends PatternStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("pattern");
    private JdbcStore jdbc;

    @Override
    protected PatternStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.patterns();
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
