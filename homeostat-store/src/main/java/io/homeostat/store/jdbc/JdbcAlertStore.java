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
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The alert history in {@code alert_event}, one row per event; an identity column keeps the
 * append order of events at the same instant. Thread-safe.
 *
 * <p>Appends go through the batching writer, as audit records do: the caller (the alert manager,
 * on the loop's threads) does not wait for the database, and while it is away events wait in the
 * spool and are written when it is back, once each (inserted by an id of their own). A read first
 * waits for what was appended before it to be written (or spooled); a read while the database is
 * away throws {@link StoreUnavailableException}, as does any other {@link SQLException}.
 */
final class JdbcAlertStore implements AlertStore {

    private static final String SELECT = "SELECT alert_id, kind, event_at, actor, incident_id, labels, detail "
            + "FROM alert_event";

    private final DataSource dataSource;
    private final BatchWriter writer;

    JdbcAlertStore(DataSource dataSource, BatchWriter writer) {
        this.dataSource = dataSource;
        this.writer = writer;
    }

    @Override
    public void append(AlertEvent event) {
        writer.submit(AlertEventTable.INSTANCE,
                new AlertEventTable.Row(UUID.randomUUID().toString(), Objects.requireNonNull(event, "event")));
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
        writer.drain(); // what was appended before this read, in the database or, while it is away, the spool
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
