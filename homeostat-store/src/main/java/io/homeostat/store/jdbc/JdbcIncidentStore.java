package io.homeostat.store.jdbc;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Incidents in {@code incident} (with {@code incident_service} and {@code incident_fingerprint}),
 * timelines in {@code incident_timeline} (append order kept by an identity column). Thread-safe;
 * each method is one transaction.
 *
 * <p>Writes are synchronous JDBC through the pool on the calling thread, not through the batching
 * writer: the incident tracker calls them on the control loop's thread, never on an application
 * thread, and needs them done (an update must see the save before it). Every {@link SQLException}
 * becomes a {@link StoreUnavailableException}, except the conditions the port names.
 */
final class JdbcIncidentStore implements IncidentStore {

    private static final String SELECT = "SELECT " + IncidentRows.COLUMNS + " FROM incident i";
    private static final String NEWEST_FIRST = " ORDER BY i.opened_at DESC, i.id DESC";
    /** PostgreSQL's and H2's codes for an insert whose parent row is missing. */
    private static final Set<String> PARENT_MISSING = Set.of("23503", "23506");

    private final DataSource dataSource;

    JdbcIncidentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        try {
            InTransaction.run(dataSource, c -> {
                IncidentRows.insert(c, incident);
                return null;
            });
        } catch (SQLException e) {
            if (UniqueViolation.is(e)) {
                throw new DuplicateIncidentException(incident.id());
            }
            throw new StoreUnavailableException("cannot save incident " + incident.id(), e);
        }
    }

    @Override
    public void update(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        try {
            InTransaction.run(dataSource, c -> {
                if (!IncidentRows.update(c, incident)) {
                    throw new IncidentNotFoundException(incident.id());
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot update incident " + incident.id(), e);
        }
    }

    @Override
    public void append(String incidentId, TimelineEntry entry) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(entry, "entry");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO incident_timeline (incident_id, entry_at, entry_type, message, detection_id, evidence) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
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
            s.executeUpdate();
        } catch (SQLException e) {
            if (PARENT_MISSING.contains(e.getSQLState())) {
                throw new IncidentNotFoundException(incidentId);
            }
            throw new StoreUnavailableException("cannot append to the timeline of incident " + incidentId, e);
        }
    }

    @Override
    public List<TimelineEntry> timeline(String incidentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT entry_at, entry_type, message, detection_id, evidence FROM incident_timeline "
                        + "WHERE incident_id = ? ORDER BY seq")) {
            s.setString(1, incidentId);
            List<TimelineEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    var time = rs.getObject(1, OffsetDateTime.class).toInstant();
                    var type = TimelineEntry.Type.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
                    String detection = rs.getString(4);
                    var evidence = JsonText.map(rs.getString(5));
                    entries.add(detection == null ? TimelineEntry.of(time, type, rs.getString(3), evidence)
                            : TimelineEntry.ofDetection(time, type, rs.getString(3), detection, evidence));
                }
            }
            return List.copyOf(entries);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the timeline of incident " + incidentId, e);
        }
    }

    @Override
    public Optional<Incident> find(String incidentId) {
        return first(SELECT + " WHERE i.id = ?", incidentId);
    }

    @Override
    public Optional<Incident> findActiveByFingerprint(String fingerprint) {
        return first(SELECT + " JOIN incident_fingerprint f ON f.incident_id = i.id WHERE f.fingerprint = ? "
                + "AND i.status <> 'resolved'" + NEWEST_FIRST + " FETCH FIRST 1 ROWS ONLY", fingerprint);
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        Objects.requireNonNull(query, "query");
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
        values.add(query.limit());
        return select(sql.toString(), values);
    }

    private Optional<Incident> first(String sql, String key) {
        List<Incident> found = select(sql, List.of(key));
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
