package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.contract.AuditLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PostgresAuditLogTest extends AuditLogContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("audit");
    private JdbcStore store;

    @Override
    protected AuditLog newLog() {
        store = JdbcStore.open(TestDatabases.postgres(schema, spool), ManualClock.create().scheduler());
        return store.auditLog();
    }

    @Override
    protected void closeLog(AuditLog log) {
        try {
            store.close();
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
