package io.homeostat.store.jdbc;

import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The audit trail in {@code audit_record}: appends go through the batching writer (and the spool
 * when the database is away), queries read the table. Thread-safe. The table refuses UPDATE and
 * DELETE (migration V2). Records of the same instant read back in append order: the writer is one
 * thread that inserts (and replays the spool) in submission order, and the identity column
 * {@code seq} (migration V5) numbers rows in insert order.
 */
final class JdbcAuditLog implements AuditLog {

    private final DataSource dataSource;
    private final BatchWriter writer;

    JdbcAuditLog(DataSource dataSource, BatchWriter writer) {
        this.dataSource = dataSource;
        this.writer = writer;
    }

    @Override
    public void append(AuditRecord record) {
        writer.submit(AuditTable.INSTANCE, Objects.requireNonNull(record, "record"));
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder(AuditTable.SELECT).append(" WHERE recorded_at >= ? AND recorded_at < ?");
        List<String> filters = new ArrayList<>(3);
        filter(sql, filters, "actor", query.actor());
        filter(sql, filters, "action", query.action());
        filter(sql, filters, "target", query.target());
        sql.append(" ORDER BY recorded_at, seq FETCH FIRST ? ROWS ONLY");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setObject(1, Wire.sqlTime(query.from()));
            s.setObject(2, Wire.sqlTime(query.to()));
            int i = 3;
            for (String value : filters) {
                s.setString(i++, value);
            }
            s.setInt(i, query.limit());
            return read(s);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the audit trail", e);
        }
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        AuditTable.SELECT + " ORDER BY recorded_at DESC, seq DESC FETCH FIRST ? ROWS ONLY")) {
            s.setInt(1, limit);
            return read(s);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the audit trail", e);
        }
    }

    private static void filter(StringBuilder sql, List<String> values, String column, String value) {
        if (!value.isEmpty()) {
            sql.append(" AND ").append(column).append(" = ?");
            values.add(value);
        }
    }

    private static List<AuditRecord> read(PreparedStatement s) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                records.add(AuditTable.read(rs));
            }
        }
        return List.copyOf(records);
    }
}
