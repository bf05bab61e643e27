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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Diagnoses in {@code diagnosis} (migration V5), one row each, their lists as JSON text
 * ({@link DiagnosisJson}); save order kept by an identity column, one row per incident and
 * instant by a unique index. Thread-safe.
 *
 * <p>Saves are synchronous JDBC through the pool on the calling thread, as for incidents: the
 * diagnosis stage calls it on the control loop's ticking thread, never on an application thread.
 * Every {@link SQLException} but a duplicate becomes a {@link StoreUnavailableException}.
 */
final class JdbcDiagnosisStore implements DiagnosisStore {

    private static final String COLUMNS = "incident_id, diagnosed_at, category, confidence, severity, root_service, "
            + "classifier_version, traffic_share, traffic_basis, affected_services, probable_causes, root_candidates, "
            + "explanations";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM diagnosis";

    private final DataSource dataSource;

    JdbcDiagnosisStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Diagnosis d) {
        Objects.requireNonNull(d, "diagnosis");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO diagnosis (" + COLUMNS
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
        } catch (SQLException e) {
            if (!UniqueViolation.is(e)) {
                throw new StoreUnavailableException("cannot save the diagnosis of incident " + d.incidentId()
                        + " at " + d.diagnosedAt() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<Diagnosis> byIncident(String incidentId) {
        return read(SELECT + " WHERE incident_id = ? ORDER BY diagnosed_at, seq", incidentId, null, 0);
    }

    @Override
    public Optional<Diagnosis> latest(String incidentId) {
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
        return read(SELECT + " WHERE diagnosed_at >= ? ORDER BY diagnosed_at DESC, seq DESC FETCH FIRST ? ROWS ONLY",
                null, since, limit);
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
