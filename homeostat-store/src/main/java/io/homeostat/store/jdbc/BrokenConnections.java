package io.homeostat.store.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP which errors mean the connection itself is dead, so the pool evicts it at once
 * instead of lending it again. Hikari evicts on SQL states {@code 08xxx} and a few vendor codes,
 * but not on H2's own codes for a broken or closed connection ({@code 90067} "Connection is broken",
 * {@code 90121} "Database is already closed", ...): after an H2 TCP server restarts, a pooled
 * connection reused within Hikari's 0.5 s validation bypass would fail again and again. Whatever
 * {@link Unreachable} counts as a lost database is fatal to the connection; everything else is left
 * to Hikari's own rules. Stateless and thread-safe.
 */
final class BrokenConnections implements SQLExceptionOverride {

    static final BrokenConnections INSTANCE = new BrokenConnections();

    private BrokenConnections() {}

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException error) {
        return Unreachable.is(error) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
