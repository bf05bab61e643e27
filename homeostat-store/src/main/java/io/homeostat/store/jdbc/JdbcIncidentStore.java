package io.homeostat.store.jdbc;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Incidents in {@code incident} (with {@code incident_service} and {@code incident_fingerprint}),
 * timelines in {@code incident_timeline} (append order kept by an identity column, each row with
 * the id of the write that made it). Thread-safe; each method is one transaction.
 *
 * <p>Writes run on the calling thread (the incident tracker's, on the control loop's thread, never
 * an application thread) through the {@link LoopJournal}: straight to the database while it
 * answers, so an update sees the save before it; while it is unreachable, to the durable
 * loop-state spool, replayed in order when it returns. Reads lay the writes that wait in the spool
 * over what the database returns, so the loop sees its own writes through an outage: an incident
 * with a waiting write is read from memory without asking the database, and so is the timeline of
 * an incident saved while the database was away; other reads need the database. A write the
 * database refuses for its data (a value too long for its column) fails with a
 * {@link StoreRefusedException}; every other {@link SQLException} becomes a
 * {@link StoreUnavailableException}, except the conditions the port names. While the database is unreachable a save is checked for a duplicate id against the
 * waiting writes only, and an update or append of an incident the store cannot see is accepted.
 */
final class JdbcIncidentStore implements IncidentStore {

    private static final String SELECT = "SELECT " + IncidentRows.COLUMNS + " FROM incident i";
    private static final String NEWEST_FIRST = " ORDER BY i.opened_at DESC, i.id DESC";
    private static final Comparator<Incident> NEWEST = Comparator.comparing(Incident::openedAt)
            .thenComparing(Incident::id).reversed();
    /** PostgreSQL's and H2's codes for an insert whose parent row is missing. */
    private static final Set<String> PARENT_MISSING = Set.of("23503", "23506");

    private final DataSource dataSource;
    private final LoopJournal journal;
    private final PendingLoopState pending;

    JdbcIncidentStore(DataSource dataSource, LoopJournal journal) {
        this.dataSource = dataSource;
        this.journal = journal;
        this.pending = journal.pending();
    }

    @Override
    public void save(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        journal.write(new LoopWrite.SaveIncident(incident), connections -> InTransaction.run(connections, c -> {
            IncidentRows.insert(c, incident);
            return null;
        }), e -> UniqueViolation.is(e) ? new DuplicateIncidentException(incident.id())
                : DataError.of("cannot save incident " + incident.id(), e));
    }

    @Override
    public void update(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        journal.write(new LoopWrite.UpdateIncident(incident), connections -> InTransaction.run(connections, c -> {
            if (!IncidentRows.update(c, incident)) {
                throw new IncidentNotFoundException(incident.id());
            }
            return null;
        }), e -> DataError.of("cannot update incident " + incident.id(), e));
    }

    @Override
    public void append(String incidentId, TimelineEntry entry) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(entry, "entry");
        String writeId = LoopJournal.newWriteId();
        journal.write(new LoopWrite.AppendTimeline(writeId, incidentId, entry), connections -> {
            try (Connection c = connections.getConnection()) {
                insertTimeline(c, writeId, incidentId, entry);
            }
        }, e -> PARENT_MISSING.contains(e.getSQLState()) ? new IncidentNotFoundException(incidentId)
                : DataError.of("cannot append to the timeline of incident " + incidentId, e));
    }

    /** Inserts one timeline row under {@code writeId}. */
    static void insertTimeline(Connection c, String writeId, String incidentId, TimelineEntry entry)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incident_timeline (incident_id, entry_at, "
                + "entry_type, message, detection_id, evidence, write_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, incidentId);
            s.setObject(2, Wire.sqlTime(entry.time()));
            s.setString(3, entry.type().name().toLowerCase(Locale.ROOT));
            s.setString(4, entry.message());
            if (entry.detectionId().isPresent()) {
                s.setString(5, entry.detectionId().get());
            } else {
                s.setNull(5, Types.VARCHAR);
            }
            s.setString(6, JsonText.of(entry.evidence()));
            s.setString(7, writeId);
            s.executeUpdate();
        }
    }

    @Override
    public List<TimelineEntry> timeline(String incidentId) {
        PendingLoopState.Waiting<LoopWrite.AppendTimeline> waiting = pending.timeline(incidentId);
        if (waiting.born()) {
            return waiting.rows().stream().map(LoopWrite.AppendTimeline::entry).toList();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT entry_at, entry_type, message, detection_id, evidence, write_id FROM incident_timeline "
                        + "WHERE incident_id = ? ORDER BY seq")) {
            s.setString(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    var time = rs.getObject(1, OffsetDateTime.class).toInstant();
                    var type = TimelineEntry.Type.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
                    String detection = rs.getString(4);
                    var evidence = JsonText.map(rs.getString(5));
                    entries.add(detection == null ? TimelineEntry.of(time, type, rs.getString(3), evidence)
                            : TimelineEntry.ofDetection(time, type, rs.getString(3), detection, evidence));
                    if (rs.getString(6) != null) {
                        stored.add(rs.getString(6));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the timeline of incident " + incidentId, e);
        }
        // entries replayed between the two reads are in both: the database's copy counts
        for (LoopWrite.AppendTimeline w : waiting.rows()) {
            if (!stored.contains(w.writeId())) {
                entries.add(w.entry());
            }
        }
        return List.copyOf(entries);
    }

    @Override
    public Optional<Incident> find(String incidentId) {
        Optional<Incident> waiting = pending.incident(incidentId);
        return waiting.isPresent() ? waiting : first(SELECT + " WHERE i.id = ?", List.of(incidentId));
    }

    @Override
    public Optional<Incident> findActiveByFingerprint(String fingerprint) {
        List<Incident> waiting = pending.incidents();
        List<Incident> stored = select(SELECT + " JOIN incident_fingerprint f ON f.incident_id = i.id WHERE "
                + "f.fingerprint = ? AND i.status <> 'resolved'" + NEWEST_FIRST + " FETCH FIRST ? ROWS ONLY",
                List.of(fingerprint, waiting.size() + 1));
        return overlay(stored, waiting, i -> i.active() && i.fingerprints().contains(fingerprint), 1).stream()
                .findFirst();
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        Objects.requireNonNull(query, "query");
        List<Incident> waiting = pending.incidents();
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        in(sql, values, "i.status", query.statuses());
        in(sql, values, "i.severity", query.severities());
        query.service().ifPresent(service -> {
            sql.append(" AND EXISTS (SELECT 1 FROM incident_service m WHERE m.incident_id = i.id AND m.service = ?)");
            values.add(service);
        });
        query.since().ifPresent(since -> {
            sql.append(" AND i.opened_at >= ?");
            values.add(Wire.sqlTime(since));
        });
        sql.append(NEWEST_FIRST).append(" FETCH FIRST ? ROWS ONLY");
        // a stored incident whose waiting state no longer matches leaves room for the next one
        values.add(query.limit() + waiting.size());
        return overlay(select(sql.toString(), values), waiting, query::matches, query.limit());
    }

    /**
     * {@code stored} (newest first) with every incident that has a waiting write replaced by its
     * waiting state if that {@code matches} (else left out) and every other matching waiting one
     * added; newest first, at most {@code limit}.
     */
    private static List<Incident> overlay(List<Incident> stored, List<Incident> waiting, Predicate<Incident> matches,
            int limit) {
        if (waiting.isEmpty()) {
            return stored.size() <= limit ? stored : List.copyOf(stored.subList(0, limit));
        }
        Map<String, Incident> byId = new HashMap<>();
        stored.forEach(i -> byId.put(i.id(), i));
        for (Incident i : waiting) {
            if (matches.test(i)) {
                byId.put(i.id(), i);
            } else {
                byId.remove(i.id());
            }
        }
        return byId.values().stream().sorted(NEWEST).limit(limit).toList();
    }

    private Optional<Incident> first(String sql, List<Object> values) {
        List<Incident> found = select(sql, values);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<Incident> select(String sql, List<Object> values) {
        try {
            return InTransaction.read(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < values.size(); i++) {
                        s.setObject(i + 1, values.get(i));
                    }
                    return IncidentRows.read(c, s);
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read incidents", e);
        }
    }

    private static void in(StringBuilder sql, List<Object> values, String column, Set<? extends Enum<?>> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        String separator = "";
        for (Enum<?> value : wanted) {
            sql.append(separator).append('?');
            values.add(value.name().toLowerCase(Locale.ROOT));
            separator = ", ";
        }
        sql.append(')');
    }
}
