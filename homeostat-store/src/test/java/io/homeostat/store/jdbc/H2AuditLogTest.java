package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.contract.AuditLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2AuditLogTest extends AuditLogContract {

    @TempDir
    Path directory;

    private JdbcStore store;

    @Override
    protected AuditLog newLog() {
        store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return store.auditLog();
    }

    @Override
    protected void closeLog(AuditLog log) {
        store.close();
    }
}
