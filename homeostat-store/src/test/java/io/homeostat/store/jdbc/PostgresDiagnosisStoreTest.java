package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.contract.DiagnosisStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis store contract on PostgreSQL, in a schema of this class's own (dropped after the
 * class); each test starts from an emptied diagnosis table.
 */
class PostgresDiagnosisStoreTest extends DiagnosisStoreContract {

    private static final String SCHEMA = TestDatabases.newSchemaName("diagnosis");

    @TempDir
    Path spool;

    private JdbcStore jdbc;

    @Override
    protected DiagnosisStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(SCHEMA, spool), ManualClock.create().scheduler());
        TestDatabases.empty(jdbc, "diagnosis");
        return jdbc.diagnoses();
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
