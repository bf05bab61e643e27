package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.contract.EffectivenessStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2EffectivenessStoreTest extends EffectivenessStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected EffectivenessStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.effectiveness();
    }

    @AfterEach
    void close() {
        jdbc.close();
    }
}
