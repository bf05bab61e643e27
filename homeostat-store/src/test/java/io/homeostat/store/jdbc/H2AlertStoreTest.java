package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.contract.AlertStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2AlertStoreTest extends AlertStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected AlertStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.alerts();
    }

    @AfterEach
    void close() {
        jdbc.close();
    }
}
