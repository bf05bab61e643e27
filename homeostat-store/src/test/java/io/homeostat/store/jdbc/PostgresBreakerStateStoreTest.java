package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.BreakerStateStore;
import io.homeostat.engine.port.contract.BreakerStateStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PostgresBreakerStateStoreTest extends BreakerStateStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("breaker");
    private JdbcStore jdbc;

    @Override
    protected BreakerStateStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.breakerStates();
    }

    @Override
    protected BreakerStateStore reopen(BreakerStateStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(BreakerStateStore store) {
        try {
            jdbc.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
