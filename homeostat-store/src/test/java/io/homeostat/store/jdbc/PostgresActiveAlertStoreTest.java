package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.contract.ActiveAlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PostgresActiveAlertStoreTest extends ActiveAlertStoreContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("active_alerts");
    private JdbcStore jdbc;

    @Override
    protected ActiveAlertStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return jdbc.activeAlerts();
    }

    @Override
    protected ActiveAlertStore reopen(ActiveAlertStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(ActiveAlertStore store) {
        try {
            jdbc.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
