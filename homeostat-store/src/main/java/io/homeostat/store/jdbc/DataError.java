package io.homeostat.store.jdbc;

import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.SQLException;

/**
 * Tells a write the database refused for its data, which writing it again cannot mend, from one
 * that failed for now. Stateless.
 */
final class DataError {

    private DataError() {}

    /** Whether {@code e} is about the data: SQLSTATE class 22 (a value too long for its column) or 23 (a broken constraint). */
    static boolean is(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * A {@link StoreRefusedException} for an error about the data; otherwise (unreachable, a
     * deadlock, a lock or statement timeout, a full disk) a {@link StoreUnavailableException}, to
     * be written again.
     */
    static RuntimeException of(String what, SQLException e) {
        return is(e) ? new StoreRefusedException(what + ": the database refused it", e)
                : new StoreUnavailableException(what, e);
    }
}
