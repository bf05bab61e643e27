package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.contract.DiagnosisStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The diagnosis store contract on an H2 file database, a fresh one per test. */
class H2DiagnosisStoreTest extends DiagnosisStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected DiagnosisStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.diagnoses();
    }

    @AfterEach
    void closeStore() {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}
