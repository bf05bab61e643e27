package io.homeostat.demo.chaos;

import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An audit log that remembers the id of every record appended through it before passing it on,
 * so a scenario can check that each one reached the store ("no audit record lost"). Thread-safe.
 */
final class CountingAuditLog implements AuditLog {

    private final AuditLog delegate;
    final Set<String> appended = ConcurrentHashMap.newKeySet();

    CountingAuditLog(AuditLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(AuditRecord record) {
        appended.add(record.id());
        delegate.append(record);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return delegate.query(query);
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        return delegate.recent(limit);
    }
}
