package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.BreakerStateStore;
import io.homeostat.engine.port.contract.BreakerStateStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2BreakerStateStoreTest extends BreakerStateStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected BreakerStateStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.breakerStates();
    }

    @Override
    protected BreakerStateStore reopen(BreakerStateStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(BreakerStateStore store) {
        jdbc.close();
    }
}
