package io.homeostat.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard for the append-only audit trail: a row trigger that refuses every UPDATE and DELETE
 * of {@code audit_record} (installed by the H2 migration V2). Stateless and thread-safe; public
 * only because H2 instantiates it by name.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_record is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                "42501");
    }
}
