package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.contract.AuditLogContract;

class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
