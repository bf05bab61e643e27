package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.contract.ActiveAlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ActiveAlertStoreTest extends ActiveAlertStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected ActiveAlertStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.activeAlerts();
    }

    @Override
    protected ActiveAlertStore reopen(ActiveAlertStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(ActiveAlertStore store) {
        jdbc.close();
    }
}
