package io.homeostat.store.jdbc;

import java.sql.SQLException;

/**
 * Tells a refused duplicate key (SQLSTATE 23505 on H2 and PostgreSQL) from other failures.
 * Stateless.
 */
final class UniqueViolation {

    private UniqueViolation() {}

    static boolean is(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if ("23505".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
