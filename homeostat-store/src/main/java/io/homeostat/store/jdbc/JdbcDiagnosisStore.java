package io.homeostat.store.jdbc;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Impact;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Diagnoses in {@code diagnosis} (migration V5), one row each, their lists as JSON text
 * ({@link DiagnosisJson}); save order kept by an identity column, one row per incident and
 * instant by a unique index. Thread-safe.
 *
 * <p>Saves run on the calling thread (the diagnosis stage's, on the control loop's ticking thread,
 * never an application thread) through the {@link LoopJournal}, as for incidents: straight to the
 * database while it answers; while it is unreachable, to the durable loop-state spool, replayed
 * in order when it returns (a diagnosis already kept is not inserted again). Reads lay the waiting
 * diagnoses over what the database returns; the diagnoses of an incident saved while the database
 * was away are read from memory alone. A save the database refuses for its data (a value too long
 * for its column) raises a {@link io.homeostat.engine.port.StoreRefusedException}; every other
 * {@link SQLException} but a duplicate becomes a {@link StoreUnavailableException}.
 */
final class JdbcDiagnosisStore implements DiagnosisStore {

    private static final String COLUMNS = "incident_id, diagnosed_at, category, confidence, severity, root_service, "
            + "classifier_version, traffic_share, traffic_basis, affected_services, probable_causes, root_candidates, "
            + "explanations";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM diagnosis";

    private final DataSource dataSource;
    private final LoopJournal journal;
    private final PendingLoopState pending;

    JdbcDiagnosisStore(DataSource dataSource, LoopJournal journal) {
        this.dataSource = dataSource;
        this.journal = journal;
        this.pending = journal.pending();
    }

    @Override
    public void save(Diagnosis d) {
        Objects.requireNonNull(d, "diagnosis");
        journal.write(new LoopWrite.SaveDiagnosis(d), connections -> {
            try (Connection c = connections.getConnection()) {
                insert(c, d);
            } catch (SQLException e) {
                if (!UniqueViolation.is(e)) {
                    throw e;
                }
            }
        }, e -> DataError.of("cannot save the diagnosis of incident " + d.incidentId() + " at " + d.diagnosedAt()
                + ": " + e.getMessage(), e));
    }

    /** Inserts the row of {@code d}; a duplicate of incident and instant fails with a unique violation. */
    static void insert(Connection c, Diagnosis d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnosis (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, d.incidentId());
            s.setObject(2, Wire.sqlTime(d.diagnosedAt()));
            s.setString(3, d.category().label());
            s.setDouble(4, d.confidence());
            s.setString(5, label(d.severity()));
            s.setString(6, d.rootService());
            s.setString(7, d.classifierVersion());
            s.setDouble(8, d.impact().trafficShare());
            s.setString(9, label(d.impact().basis()));
            s.setString(10, JsonText.of(List.copyOf(d.impact().affectedServices())));
            s.setString(11, DiagnosisJson.causes(d.causes()));
            s.setString(12, DiagnosisJson.candidates(d.rootCandidates()));
            s.setString(13, DiagnosisJson.explanations(d.explanations()));
            s.executeUpdate();
        }
    }

    @Override
    public List<Diagnosis> byIncident(String incidentId) {
        PendingLoopState.Waiting<Diagnosis> waiting = pending.diagnoses(incidentId);
        if (waiting.born()) {
            return sortedOldestFirst(waiting.rows());
        }
        List<Diagnosis> stored = read(SELECT + " WHERE incident_id = ? ORDER BY diagnosed_at, seq", incidentId, null, 0);
        return waiting.rows().isEmpty() ? stored : sortedOldestFirst(merged(stored, waiting.rows()));
    }

    @Override
    public Optional<Diagnosis> latest(String incidentId) {
        PendingLoopState.Waiting<Diagnosis> waiting = pending.diagnoses(incidentId);
        if (waiting.born() || !waiting.rows().isEmpty()) {
            List<Diagnosis> all = byIncident(incidentId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
        }
        List<Diagnosis> found = read(SELECT + " WHERE incident_id = ? ORDER BY diagnosed_at DESC, seq DESC "
                + "FETCH FIRST 1 ROWS ONLY", incidentId, null, 0);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Diagnosis> recent(Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<Diagnosis> waiting = pending.diagnoses().stream().filter(d -> !d.diagnosedAt().isBefore(since)).toList();
        List<Diagnosis> stored = read(SELECT + " WHERE diagnosed_at >= ? ORDER BY diagnosed_at DESC, seq DESC "
                + "FETCH FIRST ? ROWS ONLY", null, since, limit);
        if (waiting.isEmpty()) {
            return stored;
        }
        // stored newest first; the waiting ones were saved after every stored one
        List<Diagnosis> all = new ArrayList<>(merged(stored.reversed(), waiting));
        all.sort(Comparator.comparing(Diagnosis::diagnosedAt));
        return all.reversed().stream().limit(limit).toList();
    }

    /**
     * {@code stored} (in save order) then the waiting diagnoses not already among them (same
     * incident and instant: the first saved is kept, and a waiting one may be a replay in flight).
     */
    private static List<Diagnosis> merged(List<Diagnosis> stored, List<Diagnosis> waiting) {
        Set<String> keys = new HashSet<>();
        List<Diagnosis> all = new ArrayList<>(stored);
        stored.forEach(d -> keys.add(key(d)));
        for (Diagnosis d : waiting) {
            if (keys.add(key(d))) {
                all.add(d);
            }
        }
        return all;
    }

    /** Oldest first; the sort is stable, so diagnoses of the same instant stay in save order. */
    private static List<Diagnosis> sortedOldestFirst(List<Diagnosis> diagnoses) {
        List<Diagnosis> sorted = new ArrayList<>(diagnoses);
        sorted.sort(Comparator.comparing(Diagnosis::diagnosedAt));
        return List.copyOf(sorted);
    }

    private static String key(Diagnosis d) {
        return d.incidentId() + "\u0000" + d.diagnosedAt();
    }

    private List<Diagnosis> read(String sql, String incidentId, Instant since, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (incidentId != null) {
                s.setString(1, incidentId);
            } else {
                s.setObject(1, Wire.sqlTime(since));
                s.setInt(2, limit);
            }
            List<Diagnosis> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs));
                }
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read diagnoses: " + e.getMessage(), e);
        }
    }

    private static Diagnosis row(ResultSet rs) throws SQLException {
        Impact impact = new Impact(new LinkedHashSet<>(JsonText.list(rs.getString(10))), rs.getDouble(8),
                Impact.Basis.valueOf(upper(rs.getString(9))));
        return new Diagnosis(rs.getString(1), DiagnosisCategory.valueOf(upper(rs.getString(3))), rs.getDouble(4),
                Severity.valueOf(upper(rs.getString(5))), DiagnosisJson.causes(rs.getString(11)), rs.getString(6),
                DiagnosisJson.candidates(rs.getString(12)), impact, DiagnosisJson.explanations(rs.getString(13)),
                rs.getString(7), rs.getObject(2, OffsetDateTime.class).toInstant());
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String label) {
        return label.toUpperCase(Locale.ROOT);
    }
}
