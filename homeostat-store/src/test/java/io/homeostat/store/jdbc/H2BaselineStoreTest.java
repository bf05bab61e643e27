package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.contract.BaselineStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2BaselineStoreTest extends BaselineStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected BaselineStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.baselines();
    }

    @AfterEach
    void close() {
        jdbc.close();
    }
}
