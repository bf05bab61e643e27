package io.homeostat.server.runtime;

import io.homeostat.engine.port.LeaseGrant;
import java.time.Duration;

/**
 * A server did not start because another one acts on the same PostgreSQL database: it holds the
 * database's server lease (see {@code homeostat server}'s documentation of running on PostgreSQL).
 */
public final class AnotherServerActiveException extends IllegalStateException {

    AnotherServerActiveException(LeaseGrant current, Duration ttl) {
        super("another server is active on this database" + (current == null ? ""
                : " (" + current.holder() + ", its lease runs until " + current.expiresAt() + " unless renewed)")
                + "; one server acts on a database at a time: stop it, or, if it was killed, start again once its"
                + " lease lapses (within " + ttl.toSeconds() + " s)");
    }
}
