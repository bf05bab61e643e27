package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.contract.RecoverySwitchStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PostgresRecoverySwitchStoreTest extends RecoverySwitchStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("switches");
    private JdbcStore jdbc;

    @Override
    protected RecoverySwitchStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.recoverySwitches();
    }

    @Override
    protected RecoverySwitchStore reopen(RecoverySwitchStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(RecoverySwitchStore store) {
        try {
            jdbc.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
