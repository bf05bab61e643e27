package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.contract.IncidentStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class H2IncidentStoreTest extends IncidentStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected IncidentStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.incidents();
    }

    @AfterEach
    void close() {
        jdbc.close();
    }
}
