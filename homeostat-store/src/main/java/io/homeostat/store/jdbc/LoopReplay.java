package io.homeostat.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes one spooled {@link LoopWrite} to the database so that writing it twice changes nothing
 * and an older state never overwrites a newer one:
 * <ul>
 *   <li>an incident (saved or updated) is inserted if its id is unknown, else replaces the stored
 *       one unless that one was updated later ({@link IncidentRows#put});</li>
 *   <li>a run (created or updated) is inserted if its id is unknown, else replaces the stored one
 *       only if that one has a lower version;</li>
 *   <li>a timeline entry or step record is inserted unless a row has its write id;</li>
 *   <li>a diagnosis is inserted unless one of the same incident and instant is kept.</li>
 * </ul>
 * An update whose entity is unknown to the database is inserted: the loop took it as stored,
 * and a state kept is worth more than a refusal nobody can act on. Stateless.
 */
final class LoopReplay {

    private LoopReplay() {}

    /**
     * Writes {@code write} on {@code c} (in the caller's transaction).
     *
     * @throws SQLException what the database threw: a lost connection (try again later) or a row it
     *     refuses (a foreign key, a second active run of an incident)
     */
    static void apply(Connection c, LoopWrite write) throws SQLException {
        switch (write) {
            case LoopWrite.SaveIncident w -> IncidentRows.put(c, w.incident());
            case LoopWrite.UpdateIncident w -> IncidentRows.put(c, w.incident());
            case LoopWrite.AppendTimeline w -> {
                if (!exists(c, "SELECT 1 FROM incident_timeline WHERE write_id = ?", w.writeId())) {
                    JdbcIncidentStore.insertTimeline(c, w.writeId(), w.incidentId(), w.entry());
                }
            }
            case LoopWrite.SaveDiagnosis w -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM diagnosis WHERE incident_id = ? AND diagnosed_at = ?")) {
                    s.setString(1, w.diagnosis().incidentId());
                    s.setObject(2, Wire.sqlTime(w.diagnosis().diagnosedAt()));
                    if (!found(s)) {
                        JdbcDiagnosisStore.insert(c, w.diagnosis());
                    }
                }
            }
            case LoopWrite.CreateRun w -> JdbcWorkflowStore.putRun(c, w.run());
            case LoopWrite.UpdateRun w -> JdbcWorkflowStore.putRun(c, w.run());
            case LoopWrite.AppendStep w -> {
                if (!exists(c, "SELECT 1 FROM workflow_step WHERE write_id = ?", w.writeId())) {
                    JdbcWorkflowStore.insertStep(c, w.writeId(), w.record());
                }
            }
        }
    }

    static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            return found(s);
        }
    }

    private static boolean found(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }
}
