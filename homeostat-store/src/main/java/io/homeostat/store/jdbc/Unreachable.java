package io.homeostat.store.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that could not be reached (spool the batch, try again later) from a row the
 * database refused (reject the row, go on). Stateless.
 */
final class Unreachable {

    /** H2's codes for a broken or closed connection and a database that is going away. */
    private static final Set<String> H2_CONNECTION_STATES = Set.of("90067", "90098", "90121", "90028", "90108");

    private Unreachable() {}

    static boolean is(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (connectionProblem(t)) {
                return true;
            }
            if (t instanceof SQLException s) {
                for (SQLException next = s.getNextException(); next != null; next = next.getNextException()) {
                    if (connectionProblem(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean connectionProblem(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException || t instanceof IOException) {
            return true;
        }
        if (t instanceof SQLException s && s.getSQLState() != null) {
            String state = s.getSQLState();
            return state.startsWith("08") || state.equals("57P01") || H2_CONNECTION_STATES.contains(state);
        }
        return false;
    }
}
