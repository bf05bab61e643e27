package io.homeostat.store.jdbc;

import io.homeostat.core.signal.MetricSample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Rows of {@code metric_sample}, the raw samples. Stateless. */
final class MetricTable implements Table<MetricRow> {

    static final MetricTable INSTANCE = new MetricTable();

    private static final List<Dialect.Column> COLUMNS = List.of(
            new Dialect.Column("id", "VARCHAR(64)"),
            new Dialect.Column("service", "VARCHAR(200)"),
            new Dialect.Column("metric", "VARCHAR(200)"),
            new Dialect.Column("sample_value", "DOUBLE PRECISION"),
            new Dialect.Column("sampled_at", "TIMESTAMP WITH TIME ZONE"),
            new Dialect.Column("tags", "VARCHAR"));

    private MetricTable() {}

    @Override
    public byte tag() {
        return 2;
    }

    @Override
    public String name() {
        return "metric_sample";
    }

    @Override
    public List<Dialect.Column> columns() {
        return COLUMNS;
    }

    @Override
    public Class<MetricRow> rowType() {
        return MetricRow.class;
    }

    @Override
    public void bind(PreparedStatement s, MetricRow r) throws SQLException {
        MetricSample m = r.sample();
        s.setString(1, r.id());
        s.setString(2, m.service());
        s.setString(3, m.metric());
        s.setDouble(4, m.value());
        s.setObject(5, Wire.sqlTime(m.time()));
        s.setString(6, JsonText.of(m.tags()));
    }

    @Override
    public void encode(DataOutput out, MetricRow r) throws IOException {
        MetricSample m = r.sample();
        Wire.writeString(out, r.id());
        Wire.writeString(out, m.service());
        Wire.writeString(out, m.metric());
        out.writeDouble(m.value());
        Wire.writeInstant(out, m.time());
        Wire.writeMap(out, m.tags());
    }

    @Override
    public MetricRow decode(DataInput in) throws IOException {
        String id = Wire.readString(in);
        return new MetricRow(id, new MetricSample(Wire.readString(in), Wire.readString(in), in.readDouble(),
                Wire.readInstant(in), Wire.readMap(in)));
    }
}
