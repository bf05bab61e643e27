package io.homeostat.store.jdbc;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.engine.detect.Severity;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Rows of {@code failure_event}. Stateless. */
final class FailureTable implements Table<FailureRecord> {

    static final FailureTable INSTANCE = new FailureTable();

    private static final List<Dialect.Column> COLUMNS = List.of(
            new Dialect.Column("id", "VARCHAR(64)"),
            new Dialect.Column("service", "VARCHAR(200)"),
            new Dialect.Column("category", "VARCHAR(40)"),
            new Dialect.Column("error_type", "VARCHAR(300)"),
            new Dialect.Column("severity", "VARCHAR(16)"),
            new Dialect.Column("message", "VARCHAR"),
            new Dialect.Column("stack_trace", "VARCHAR"),
            new Dialect.Column("context", "VARCHAR"),
            new Dialect.Column("detection_method", "VARCHAR(40)"),
            new Dialect.Column("user_id", "VARCHAR(200)"),
            new Dialect.Column("request_id", "VARCHAR(200)"),
            new Dialect.Column("occurred_at", "TIMESTAMP WITH TIME ZONE"));

    private FailureTable() {}

    @Override
    public byte tag() {
        return 1;
    }

    @Override
    public String name() {
        return "failure_event";
    }

    @Override
    public List<Dialect.Column> columns() {
        return COLUMNS;
    }

    @Override
    public Class<FailureRecord> rowType() {
        return FailureRecord.class;
    }

    @Override
    public void bind(PreparedStatement s, FailureRecord r) throws SQLException {
        FailureEvent e = r.event();
        s.setString(1, r.id());
        s.setString(2, e.service());
        s.setString(3, e.category().label());
        s.setString(4, e.errorType());
        s.setString(5, r.severity().name().toLowerCase(Locale.ROOT));
        s.setString(6, e.message());
        s.setString(7, r.stackTrace());
        s.setString(8, JsonText.of(e.tags()));
        s.setString(9, r.detectionMethod());
        s.setString(10, r.userId());
        s.setString(11, r.requestId());
        s.setObject(12, Wire.sqlTime(e.time()));
    }

    @Override
    public void encode(DataOutput out, FailureRecord r) throws IOException {
        FailureEvent e = r.event();
        Wire.writeString(out, r.id());
        Wire.writeString(out, e.service());
        out.writeByte(e.category().ordinal());
        Wire.writeString(out, e.errorType());
        Wire.writeString(out, e.message());
        Wire.writeInstant(out, e.time());
        Wire.writeMap(out, e.tags());
        out.writeByte(r.severity().ordinal());
        Wire.writeString(out, r.detectionMethod());
        Wire.writeString(out, r.stackTrace());
        Wire.writeString(out, r.userId());
        Wire.writeString(out, r.requestId());
    }

    @Override
    public FailureRecord decode(DataInput in) throws IOException {
        String id = Wire.readString(in);
        FailureEvent e = new FailureEvent(Wire.readString(in), ErrorCategory.values()[in.readByte()],
                Wire.readString(in), Wire.readString(in), Wire.readInstant(in), Wire.readMap(in));
        return new FailureRecord(id, e, Severity.values()[in.readByte()], Wire.readString(in),
                Wire.readString(in), Wire.readString(in), Wire.readString(in));
    }
}
