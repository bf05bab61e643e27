package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.contract.SilenceStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PostgresSilenceStoreTest extends SilenceStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("silences");
    private JdbcStore jdbc;

    @Override
    protected SilenceStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.silences();
    }

    @Override
    protected SilenceStore reopen(SilenceStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(SilenceStore store) {
        try {
            jdbc.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
