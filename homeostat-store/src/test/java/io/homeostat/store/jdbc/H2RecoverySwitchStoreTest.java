package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.contract.RecoverySwitchStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2RecoverySwitchStoreTest extends RecoverySwitchStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected RecoverySwitchStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.recoverySwitches();
    }

    @Override
    protected RecoverySwitchStore reopen(RecoverySwitchStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(RecoverySwitchStore store) {
        jdbc.close();
    }
}
