package io.homeostat.store.jdbc;

import io.homeostat.engine.port.AlertEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Rows of {@code alert_event}, the alert history (migration V3, ids V11). Stateless. */
final class AlertEventTable implements Table<AlertEventTable.Row> {

    /** One event of the history, with the id that makes its insert idempotent. */
    record Row(String id, AlertEvent event) {}

    static final AlertEventTable INSTANCE = new AlertEventTable();

    private static final List<Dialect.Column> COLUMNS = List.of(
            new Dialect.Column("id", "VARCHAR(64)"),
            new Dialect.Column("alert_id", "VARCHAR(700)"),
            new Dialect.Column("kind", "VARCHAR(20)"),
            new Dialect.Column("event_at", "TIMESTAMP WITH TIME ZONE"),
            new Dialect.Column("actor", "VARCHAR(200)"),
            new Dialect.Column("incident_id", "VARCHAR(200)"),
            new Dialect.Column("labels", "VARCHAR"),
            new Dialect.Column("detail", "VARCHAR"));

    private AlertEventTable() {}

    @Override
    public byte tag() {
        return 4;
    }

    @Override
    public String name() {
        return "alert_event";
    }

    @Override
    public List<Dialect.Column> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Row> rowType() {
        return Row.class;
    }

    @Override
    public void bind(PreparedStatement s, Row row) throws SQLException {
        AlertEvent e = row.event();
        s.setString(1, row.id());
        s.setString(2, e.alertId());
        s.setString(3, e.kind().name().toLowerCase(Locale.ROOT));
        s.setObject(4, Wire.sqlTime(e.time()));
        s.setString(5, e.actor());
        s.setString(6, e.incidentId());
        s.setString(7, JsonText.of(e.labels()));
        s.setString(8, e.detail());
    }

    @Override
    public void encode(DataOutput out, Row row) throws IOException {
        AlertEvent e = row.event();
        Wire.writeString(out, row.id());
        Wire.writeString(out, e.alertId());
        out.writeByte(e.kind().ordinal());
        Wire.writeInstant(out, e.time());
        Wire.writeString(out, e.actor());
        Wire.writeString(out, e.incidentId());
        Wire.writeMap(out, e.labels());
        Wire.writeString(out, e.detail());
    }

    @Override
    public Row decode(DataInput in) throws IOException {
        String id = Wire.readString(in);
        return new Row(id, new AlertEvent(Wire.readString(in), AlertEvent.Kind.values()[in.readByte()],
                Wire.readInstant(in), Wire.readString(in), Wire.readString(in), Wire.readMap(in), Wire.readString(in)));
    }
}
