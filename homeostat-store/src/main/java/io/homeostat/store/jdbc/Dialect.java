package io.homeostat.store.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL that differs between the databases the store runs on. */
enum Dialect {
    H2,
    POSTGRESQL;

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    /**
     * An insert of one row that does nothing when a row with the same {@code id} exists: the
     * statement that makes replayed batches harmless. PostgreSQL: {@code ON CONFLICT DO NOTHING}
     * (which the driver can rewrite into multi-row inserts); H2: a standard {@code MERGE} with
     * only a {@code WHEN NOT MATCHED} branch (H2 has no {@code ON CONFLICT} outside its
     * PostgreSQL mode).
     */
    String insertIgnoringDuplicates(String table, List<Column> columns) {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + names + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT (id) DO NOTHING";
            case H2 -> "MERGE INTO " + table + " t USING (VALUES ("
                    + columns.stream().map(c -> "CAST(? AS " + c.castType() + ")").collect(Collectors.joining(", "))
                    + ")) s (" + names + ") ON t.id = s.id WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES ("
                    + columns.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", ")) + ")";
        };
    }

    /** Whether {@link #insertIgnoringDuplicates} costs about what a plain insert does (so try it first). */
    boolean hasCheapIdempotentInsert() {
        return this == POSTGRESQL;
    }

    /** A plain insert of one row, which fails on a known id. */
    static String plainInsert(String table, List<Column> columns) {
        return "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** A column of a table the writer inserts into, with its SQL type. */
    record Column(String name, String sqlType) {

        /**
         * The type to cast a parameter to: without a length for text, because H2 cuts a string
         * cast to a shorter VARCHAR where the column itself would refuse it.
         */
        String castType() {
            return sqlType.startsWith("VARCHAR") ? "VARCHAR" : sqlType;
        }
    }
}
