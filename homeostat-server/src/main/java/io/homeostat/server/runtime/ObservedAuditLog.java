package io.homeostat.server.runtime;

import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's audit log, telling listeners about each record after it was appended (the live
 * stream shows the loop's decisions as they are taken). A listener that throws is logged and
 * skipped; it never fails the append. Thread-safe.
 */
final class ObservedAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedAuditLog.class);

    private final AuditLog log;
    private final List<Consumer<AuditRecord>> listeners = new CopyOnWriteArrayList<>();

    ObservedAuditLog(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    void listen(Consumer<AuditRecord> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void append(AuditRecord record) {
        log.append(record);
        for (Consumer<AuditRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("an audit listener failed", e);
            }
        }
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return log.query(query);
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        return log.recent(limit);
    }
}
