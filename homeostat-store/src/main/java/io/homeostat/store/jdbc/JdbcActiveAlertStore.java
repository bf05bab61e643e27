package io.homeostat.store.jdbc;

import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The alerts that have not resolved in {@code active_alert}, one row per alert with its labels as
 * JSON, written through on the alert manager's thread when an alert starts firing, is
 * acknowledged or resolves. Thread-safe.
 */
final class JdbcActiveAlertStore implements ActiveAlertStore {

    private static final System.Logger LOG = System.getLogger(JdbcActiveAlertStore.class.getName());

    private static final String COLUMNS = "fingerprint, labels, summary, starts_at, acknowledged_by";

    private final DataSource dataSource;
    private final String upsert;

    JdbcActiveAlertStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.upsert = switch (dialect) {
            case H2 -> "MERGE INTO active_alert (" + COLUMNS + ") KEY (fingerprint) VALUES (?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO active_alert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (fingerprint) DO UPDATE SET labels = EXCLUDED.labels, summary = EXCLUDED.summary, "
                    + "starts_at = EXCLUDED.starts_at, acknowledged_by = EXCLUDED.acknowledged_by";
        };
    }

    @Override
    public void save(ActiveAlert alert) {
        Objects.requireNonNull(alert, "alert");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, alert.fingerprint());
            s.setString(2, JsonText.of(alert.labels().asMap()));
            s.setString(3, alert.summary());
            s.setObject(4, Wire.sqlTime(alert.startsAt()));
            s.setString(5, alert.acknowledgedBy());
            s.executeUpdate();
        } catch (SQLException e) {
            throw DataError.of("cannot save alert " + alert.fingerprint(), e);
        }
    }

    @Override
    public void remove(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM active_alert WHERE fingerprint = ?")) {
            s.setString(1, fingerprint);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot remove alert " + fingerprint, e);
        }
    }

    @Override
    public List<ActiveAlert> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM active_alert");
                ResultSet rs = s.executeQuery()) {
            List<ActiveAlert> alerts = new ArrayList<>();
            while (rs.next()) {
                try {
                    alerts.add(new ActiveAlert(Labels.of(JsonText.map(rs.getString(2))), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
                } catch (RuntimeException e) {
                    // One row this version cannot read (a newer one wrote it) must not keep the server from starting.
                    LOG.log(System.Logger.Level.ERROR, "active alert " + rs.getString(1) + " cannot be read and is skipped", e);
                }
            }
            // Sorted here, not by SQL: fingerprints by code point on every database.
            alerts.sort(Comparator.comparing(ActiveAlert::startsAt).thenComparing(ActiveAlert::fingerprint));
            return List.copyOf(alerts);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the active alerts", e);
        }
    }
}
