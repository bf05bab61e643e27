package io.homeostat.store.jdbc;

import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The alert history in {@code alert_event}, one row per event; an identity column keeps the
 * append order of events at the same instant. Thread-safe.
 *
 * <p>Appends are synchronous JDBC through the pool on the calling thread: the alert manager runs
 * on the control loop's thread, never on an application thread. Every {@link SQLException}
 * becomes a {@link StoreUnavailableException}.
 */
final class JdbcAlertStore implements AlertStore {

    private static final String SELECT = "SELECT alert_id, kind, event_at, actor, incident_id, labels, detail "
            + "FROM alert_event";

    private final DataSource dataSource;

    JdbcAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void append(AlertEvent event) {
        Objects.requireNonNull(event, "event");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO alert_event (alert_id, kind, event_at, actor, incident_id, labels, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, event.alertId());
            s.setString(2, event.kind().name().toLowerCase(Locale.ROOT));
            s.setObject(3, Wire.sqlTime(event.time()));
            s.setString(4, event.actor());
            s.setString(5, event.incidentId());
            s.setString(6, JsonText.of(event.labels()));
            s.setString(7, event.detail());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot append an event of alert " + event.alertId(), e);
        }
    }

    @Override
    public List<AlertEvent> history(String alertId) {
        return select(SELECT + " WHERE alert_id = ? ORDER BY event_at, seq", alertId);
    }

    @Override
    public List<AlertEvent> incident(String incidentId) {
        return select(SELECT + " WHERE incident_id = ? ORDER BY event_at, seq", incidentId);
    }

    @Override
    public List<AlertEvent> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return select(SELECT + " ORDER BY event_at DESC, seq DESC FETCH FIRST ? ROWS ONLY", limit);
    }

    private List<AlertEvent> select(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            List<AlertEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new AlertEvent(rs.getString(1), AlertEvent.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                            JsonText.map(rs.getString(6)), rs.getString(7)));
                }
            }
            return List.copyOf(events);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the alert history", e);
        }
    }
}
