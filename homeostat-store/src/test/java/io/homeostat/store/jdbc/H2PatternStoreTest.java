package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.PatternStore;
import io.homeostat.engine.port.contract.PatternStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2PatternStoreTest extends PatternStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected PatternStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.patterns();
    }

    @AfterEach
    void close() {
        jdbc.close();
    }
}
