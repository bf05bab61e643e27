package io.homeostat.store.jdbc;

import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IntegrityOutcome;
import io.homeostat.engine.port.UserImpact;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** Rows of {@code audit_record}, the append-only trail. Stateless. */
final class AuditTable implements Table<AuditRecord> {

    static final AuditTable INSTANCE = new AuditTable();

    static final String SELECT = "SELECT id, recorded_at, actor, action, target, reason, evidence, operation_type, "
            + "criticality, integrity, notified, user_impact FROM audit_record";

    private static final List<Dialect.Column> COLUMNS = List.of(
            new Dialect.Column("id", "VARCHAR(64)"),
            new Dialect.Column("recorded_at", "TIMESTAMP WITH TIME ZONE"),
            new Dialect.Column("actor", "VARCHAR(200)"),
            new Dialect.Column("action", "VARCHAR(200)"),
            new Dialect.Column("target", "VARCHAR(500)"),
            new Dialect.Column("reason", "VARCHAR"),
            new Dialect.Column("evidence", "VARCHAR"),
            new Dialect.Column("operation_type", "VARCHAR(20)"),
            new Dialect.Column("criticality", "VARCHAR(20)"),
            new Dialect.Column("integrity", "VARCHAR(20)"),
            new Dialect.Column("notified", "VARCHAR"),
            new Dialect.Column("user_impact", "VARCHAR(20)"));

    private AuditTable() {}

    @Override
    public byte tag() {
        return 3;
    }

    @Override
    public String name() {
        return "audit_record";
    }

    @Override
    public List<Dialect.Column> columns() {
        return COLUMNS;
    }

    @Override
    public Class<AuditRecord> rowType() {
        return AuditRecord.class;
    }

    @Override
    public void bind(PreparedStatement s, AuditRecord r) throws SQLException {
        s.setString(1, r.id());
        s.setObject(2, Wire.sqlTime(r.time()));
        s.setString(3, r.actor());
        s.setString(4, r.action());
        s.setString(5, r.target());
        s.setString(6, r.reason());
        s.setString(7, JsonText.of(r.evidence()));
        if (r.callOperationType() == null) {
            s.setNull(8, Types.VARCHAR);
            s.setNull(9, Types.VARCHAR);
        } else {
            s.setString(8, r.callOperationType().label());
            s.setString(9, r.callCriticality().label());
        }
        s.setString(10, label(r.integrity()));
        s.setString(11, JsonText.of(r.notified()));
        s.setString(12, label(r.impact()));
    }

    /** The record in the current row of a result set made by {@link #SELECT}. */
    static AuditRecord read(ResultSet rs) throws SQLException {
        String operation = rs.getString(8);
        String criticality = rs.getString(9);
        return new AuditRecord(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), JsonText.map(rs.getString(7)),
                operation == null ? null : OperationType.valueOf(operation.toUpperCase(Locale.ROOT)),
                criticality == null ? null : Criticality.valueOf(criticality.toUpperCase(Locale.ROOT)),
                IntegrityOutcome.valueOf(rs.getString(10).toUpperCase(Locale.ROOT)), JsonText.list(rs.getString(11)),
                UserImpact.valueOf(rs.getString(12).toUpperCase(Locale.ROOT)));
    }

    @Override
    public void encode(DataOutput out, AuditRecord r) throws IOException {
        Wire.writeString(out, r.id());
        Wire.writeInstant(out, r.time());
        Wire.writeString(out, r.actor());
        Wire.writeString(out, r.action());
        Wire.writeString(out, r.target());
        Wire.writeString(out, r.reason());
        Wire.writeMap(out, r.evidence());
        out.writeByte(r.callOperationType() == null ? -1 : r.callOperationType().ordinal());
        out.writeByte(r.callCriticality() == null ? -1 : r.callCriticality().ordinal());
        out.writeByte(r.integrity().ordinal());
        Wire.writeList(out, r.notified());
        out.writeByte(r.impact().ordinal());
    }

    @Override
    public AuditRecord decode(DataInput in) throws IOException {
        String id = Wire.readString(in);
        var time = Wire.readInstant(in);
        String actor = Wire.readString(in);
        String action = Wire.readString(in);
        String target = Wire.readString(in);
        String reason = Wire.readString(in);
        var evidence = Wire.readMap(in);
        byte operation = in.readByte();
        byte criticality = in.readByte();
        return new AuditRecord(id, time, actor, action, target, reason, evidence,
                operation < 0 ? null : OperationType.values()[operation],
                criticality < 0 ? null : Criticality.values()[criticality],
                IntegrityOutcome.values()[in.readByte()], Wire.readList(in), UserImpact.values()[in.readByte()]);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
