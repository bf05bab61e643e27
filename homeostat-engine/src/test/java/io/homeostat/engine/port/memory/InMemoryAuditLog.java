package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link AuditLog} in a map, for the engine's tests. Thread-safe (one lock); appends are synchronous. */
public final class InMemoryAuditLog implements AuditLog {

    /** Stable sorts keep the map's append order among records of the same instant. */
    private static final Comparator<AuditRecord> OLDEST_FIRST = Comparator.comparing(AuditRecord::time);

    private final Map<String, AuditRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized void append(AuditRecord record) {
        records.putIfAbsent(record.id(), record);
    }

    @Override
    public void flush() {
        // appends are already visible
    }

    @Override
    public synchronized List<AuditRecord> query(AuditQuery query) {
        return records.values().stream().filter(query::matches).sorted(OLDEST_FIRST).limit(query.limit()).toList();
    }

    @Override
    public synchronized List<AuditRecord> recent(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<AuditRecord> all = new ArrayList<>(records.values());
        all.sort(OLDEST_FIRST);
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
