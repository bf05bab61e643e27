package io.homeostat.store.jdbc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * One table the batching writer inserts into: its columns, how a row binds to the idempotent
 * insert, and how a row is written to and read from the spool. Implementations are stateless
 * and thread-safe.
 *
 * @param <T> the row type
 */
interface Table<T> {

    /** The byte that marks this table's rows in the spool; unique among tables, never reused. */
    byte tag();

    /** The table's name. */
    String name();

    /** The columns bound by {@link #bind}, in order; the first is {@code id}. */
    List<Dialect.Column> columns();

    /** The row's class, to check what is submitted. */
    Class<T> rowType();

    /** Sets parameters 1..n of the insert for {@code row}. */
    void bind(PreparedStatement statement, T row) throws SQLException;

    /** Writes {@code row} for the spool. */
    void encode(DataOutput out, T row) throws IOException;

    /** Reads a row written by {@link #encode}. */
    T decode(DataInput in) throws IOException;
}
