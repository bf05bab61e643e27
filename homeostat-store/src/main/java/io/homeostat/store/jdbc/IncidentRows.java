package io.homeostat.store.jdbc;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentBuilder;
import io.homeostat.engine.incident.IncidentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Incidents in {@code incident} with their members in {@code incident_service} and
 * {@code incident_fingerprint}: writes one incident's rows, reads incidents back whole. Stateless.
 */
final class IncidentRows {

    /** The columns of {@code incident} that {@link #read} expects first in a query, in this order. */
    static final String COLUMNS = "i.id, i.fingerprint, i.title, i.severity, i.status, i.flapping, i.opened_at, "
            + "i.updated_at, i.resolved_at, i.detection_count";

    private IncidentRows() {}

    /** Inserts the row of a new incident and its members; the id must be new. */
    static void insert(Connection c, Incident incident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incident (fingerprint, title, severity, status, "
                + "flapping, opened_at, updated_at, resolved_at, detection_count, service, id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, incident);
            s.executeUpdate();
        }
        insertMembers(c, incident);
    }

    /** Replaces the row and members of a stored incident; false if none has its id. */
    static boolean update(Connection c, Incident incident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE incident SET fingerprint = ?, title = ?, severity = ?, "
                + "status = ?, flapping = ?, opened_at = ?, updated_at = ?, resolved_at = ?, detection_count = ?, "
                + "service = ? WHERE id = ?")) {
            bind(s, incident);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        replaceMembers(c, incident);
        return true;
    }

    private static void replaceMembers(Connection c, Incident incident) throws SQLException {
        for (String table : List.of("incident_service", "incident_fingerprint")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE incident_id = ?")) {
                s.setString(1, incident.id());
                s.executeUpdate();
            }
        }
        insertMembers(c, incident);
    }

    /**
     * Writes {@code incident} as a replay does: inserted if no incident has its id, replacing the
     * stored one (row and members) if that one was not updated later, else left alone, so that an
     * older state never overwrites a newer one and writing the same state again changes nothing.
     * States of the same {@code updatedAt} replace each other: a replay runs in write order, so the
     * last one written ends up stored.
     *
     * @return whether anything was written
     */
    static boolean put(Connection c, Incident incident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE incident SET fingerprint = ?, title = ?, severity = ?, "
                + "status = ?, flapping = ?, opened_at = ?, updated_at = ?, resolved_at = ?, detection_count = ?, "
                + "service = ? WHERE id = ? AND updated_at <= ?")) {
            bind(s, incident);
            s.setObject(12, Wire.sqlTime(incident.updatedAt()));
            if (s.executeUpdate() == 1) {
                replaceMembers(c, incident);
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM incident WHERE id = ?")) {
            s.setString(1, incident.id());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        insert(c, incident);
        return true;
    }

    /**
     * The incidents a prepared query over {@link #COLUMNS} returns, in its order, each with its
     * services and fingerprints in the order they were written.
     */
    static List<Incident> read(Connection c, PreparedStatement query) throws SQLException {
        Map<String, IncidentBuilder> found = new LinkedHashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                IncidentBuilder builder = Incident.builder().id(rs.getString(1)).fingerprint(rs.getString(2))
                        .title(rs.getString(3)).severity(Severity.valueOf(upper(rs.getString(4))))
                        .status(IncidentStatus.valueOf(upper(rs.getString(5)))).flapping(rs.getBoolean(6))
                        .openedAt(rs.getObject(7, OffsetDateTime.class).toInstant())
                        .updatedAt(rs.getObject(8, OffsetDateTime.class).toInstant()).detectionCount(rs.getLong(10));
                OffsetDateTime resolved = rs.getObject(9, OffsetDateTime.class);
                if (resolved != null) {
                    builder.resolvedAt(resolved.toInstant());
                }
                found.put(rs.getString(1), builder);
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> services =
                MemberRows.read(c, "incident_service", "incident_id", "service", "seq_no", found.keySet());
        Map<String, List<String>> fingerprints =
                MemberRows.read(c, "incident_fingerprint", "incident_id", "fingerprint", "seq_no", found.keySet());
        List<Incident> incidents = new ArrayList<>(found.size());
        found.forEach((id, builder) -> incidents.add(builder.services(services.getOrDefault(id, List.of()))
                .fingerprints(fingerprints.getOrDefault(id, List.of())).build()));
        return List.copyOf(incidents);
    }

    private static void bind(PreparedStatement s, Incident incident) throws SQLException {
        s.setString(1, incident.fingerprint());
        s.setString(2, incident.title());
        s.setString(3, lower(incident.severity()));
        s.setString(4, lower(incident.status()));
        s.setBoolean(5, incident.flapping());
        s.setObject(6, Wire.sqlTime(incident.openedAt()));
        s.setObject(7, Wire.sqlTime(incident.updatedAt()));
        if (incident.resolvedAt().isPresent()) {
            s.setObject(8, Wire.sqlTime(incident.resolvedAt().get()));
        } else {
            s.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        s.setLong(9, incident.detectionCount());
        s.setString(10, incident.services().iterator().next());
        s.setString(11, incident.id());
    }

    private static void insertMembers(Connection c, Incident incident) throws SQLException {
        insertMembers(c, "incident_service", "service", incident.id(), incident.services());
        insertMembers(c, "incident_fingerprint", "fingerprint", incident.id(), incident.fingerprints());
    }

    private static void insertMembers(Connection c, String table, String column, String id, Collection<String> values)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + table + " (incident_id, " + column + ", seq_no) VALUES (?, ?, ?)")) {
            int seq = 0;
            for (String value : values) {
                s.setString(1, id);
                s.setString(2, value);
                s.setInt(3, seq++);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String label) {
        return label.toUpperCase(Locale.ROOT);
    }
}
