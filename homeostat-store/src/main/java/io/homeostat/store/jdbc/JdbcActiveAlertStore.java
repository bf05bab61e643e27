package io.homeostat.store.jdbc;

import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.OpenEscalation;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The alerts that have not resolved in {@code active_alert}, one row per alert with its labels as
 * JSON, and the escalations followed in {@code open_escalation}, one row each, written by the
 * alert manager's store writer when an alert starts firing, is acknowledged or resolves, and when
 * an escalation pages a level, is acknowledged or ends. Thread-safe.
 */
final class JdbcActiveAlertStore implements ActiveAlertStore {

    private static final System.Logger LOG = System.getLogger(JdbcActiveAlertStore.class.getName());

    private static final String COLUMNS = "fingerprint, labels, summary, starts_at, acknowledged_by";
    private static final String ESCALATION_COLUMNS =
            "escalation_key, service, severity, summary, level_index, acknowledged, flapping, triggers, climbs_at";

    private final DataSource dataSource;
    private final String upsert;
    private final String upsertEscalation;

    JdbcActiveAlertStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.upsert = switch (dialect) {
            case H2 -> "MERGE INTO active_alert (" + COLUMNS + ") KEY (fingerprint) VALUES (?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO active_alert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (fingerprint) DO UPDATE SET labels = EXCLUDED.labels, summary = EXCLUDED.summary, "
                    + "starts_at = EXCLUDED.starts_at, acknowledged_by = EXCLUDED.acknowledged_by";
        };
        this.upsertEscalation = switch (dialect) {
            case H2 -> "MERGE INTO open_escalation (" + ESCALATION_COLUMNS + ") KEY (escalation_key) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO open_escalation (" + ESCALATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (escalation_key) DO UPDATE SET service = EXCLUDED.service, "
                    + "severity = EXCLUDED.severity, summary = EXCLUDED.summary, level_index = EXCLUDED.level_index, "
                    + "acknowledged = EXCLUDED.acknowledged, flapping = EXCLUDED.flapping, triggers = EXCLUDED.triggers, "
                    + "climbs_at = EXCLUDED.climbs_at";
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

    @Override
    public void saveEscalation(OpenEscalation escalation) {
        Objects.requireNonNull(escalation, "escalation");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(upsertEscalation)) {
            s.setString(1, escalation.key());
            s.setString(2, escalation.service());
            s.setString(3, escalation.severity().name());
            s.setString(4, escalation.summary());
            s.setInt(5, escalation.level());
            s.setBoolean(6, escalation.acknowledged());
            s.setBoolean(7, escalation.flapping());
            s.setString(8, escalation.triggers().stream().map(Enum::name).collect(Collectors.joining(",")));
            if (escalation.climbsAt().isPresent()) {
                s.setObject(9, Wire.sqlTime(escalation.climbsAt().get()));
            } else {
                s.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw DataError.of("cannot save escalation " + escalation.key(), e);
        }
    }

    @Override
    public void removeEscalation(String key) {
        Objects.requireNonNull(key, "key");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM open_escalation WHERE escalation_key = ?")) {
            s.setString(1, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot remove escalation " + key, e);
        }
    }

    @Override
    public List<OpenEscalation> escalations() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + ESCALATION_COLUMNS + " FROM open_escalation");
                ResultSet rs = s.executeQuery()) {
            List<OpenEscalation> escalations = new ArrayList<>();
            while (rs.next()) {
                try {
                    OffsetDateTime climbsAt = rs.getObject(9, OffsetDateTime.class);
                    escalations.add(new OpenEscalation(rs.getString(1), rs.getString(2), Severity.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7), triggers(rs.getString(8)),
                            Optional.ofNullable(climbsAt).map(OffsetDateTime::toInstant)));
                } catch (RuntimeException e) {
                    // As for alerts: a row this version cannot read must not keep the server from starting.
                    LOG.log(System.Logger.Level.ERROR, "escalation " + rs.getString(1) + " cannot be read and is skipped", e);
                }
            }
            escalations.sort(Comparator.comparing(OpenEscalation::key));
            return List.copyOf(escalations);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the open escalations", e);
        }
    }

    /** The triggers named in {@code names}; one this version does not know is left out. */
    private static Set<EscalationTrigger> triggers(String names) {
        Set<EscalationTrigger> triggers = EnumSet.noneOf(EscalationTrigger.class);
        for (String name : names.split(",")) {
            Arrays.stream(EscalationTrigger.values()).filter(t -> t.name().equals(name)).forEach(triggers::add);
        }
        return triggers;
    }
}
