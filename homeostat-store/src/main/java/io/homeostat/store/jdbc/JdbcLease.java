package io.homeostat.store.jdbc;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.LeaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link Lease} in PostgreSQL: one row of {@code leader_lease} per name holding the holder, the
 * fencing token and the expiry. Every operation is one statement, atomic in the database: acquire
 * is an {@code INSERT .. ON CONFLICT DO UPDATE .. WHERE} that takes the row only when it is free,
 * expired, or already the caller's, and adds one to the token unless the caller still held it;
 * renew, release and validate match name, holder and token. Expiry is judged by the database's
 * clock ({@code clock_timestamp()}), so the replicas' clocks need not agree.
 *
 * <p>{@link LeaseGrant#expiresAt()} is the injected clock's time before the statement was sent,
 * plus the ttl: never later than the database lets the holding end, when the clocks agree.
 *
 * <p>Thread-safe. Every {@link SQLException} (an unreachable database included) becomes a
 * {@link LeaseUnavailableException}: the caller must then act as if it did not lead.
 */
final class JdbcLease implements Lease {

    private static final String EXPIRY = "clock_timestamp() + ? * INTERVAL '1 millisecond'";
    private static final String ACQUIRE = "INSERT INTO leader_lease AS l (name, holder, token, expires_at) "
            + "VALUES (?, ?, 1, " + EXPIRY + ") ON CONFLICT (name) DO UPDATE SET "
            + "token = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp() THEN l.token "
            + "ELSE l.token + 1 END, holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
            + "WHERE l.holder IS NULL OR l.expires_at <= clock_timestamp() OR l.holder = EXCLUDED.holder "
            + "RETURNING l.token";
    private static final String HELD = " WHERE name = ? AND holder = ? AND token = ? AND expires_at > clock_timestamp()";

    private final DataSource dataSource;
    private final String name;
    private final Duration ttl;
    private final Clock clock;

    JdbcLease(DataSource dataSource, String name, Duration ttl, Clock clock) {
        this.dataSource = dataSource;
        this.name = Lease.requireName(name, "name");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Optional<LeaseGrant> tryAcquire(String holder) {
        Lease.requireName(holder, "holder");
        Instant sent = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ACQUIRE)) {
            s.setString(1, name);
            s.setString(2, holder);
            s.setLong(3, ttl.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new LeaseGrant(name, holder, rs.getLong(1), sent.plus(ttl)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("acquire", e);
        }
    }

    @Override
    public Optional<LeaseGrant> renew(LeaseGrant grant) {
        requireOwn(grant);
        Instant sent = clock.instant();
        boolean renewed = update("UPDATE leader_lease SET expires_at = " + EXPIRY + HELD, grant, true);
        return renewed ? Optional.of(new LeaseGrant(name, grant.holder(), grant.token(), sent.plus(ttl)))
                : Optional.empty();
    }

    @Override
    public boolean release(LeaseGrant grant) {
        requireOwn(grant);
        return update("UPDATE leader_lease SET holder = NULL, expires_at = NULL" + HELD, grant, false);
    }

    @Override
    public boolean validate(long token) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM leader_lease WHERE name = ? AND token = ? AND expires_at > clock_timestamp()")) {
            s.setString(1, name);
            s.setLong(2, token);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw unavailable("validate a token of", e);
        }
    }

    @Override
    public Optional<LeaseGrant> current() {
        Instant sent = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT holder, token, CAST(EXTRACT(EPOCH FROM expires_at - clock_timestamp()) * 1000 AS BIGINT) "
                        + "FROM leader_lease WHERE name = ? AND expires_at > clock_timestamp()")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new LeaseGrant(name, rs.getString(1), rs.getLong(2),
                        sent.plusMillis(Math.max(0, rs.getLong(3))))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read", e);
        }
    }

    private boolean update(String sql, LeaseGrant grant, boolean withTtl) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (withTtl) {
                s.setLong(i++, ttl.toMillis());
            }
            s.setString(i++, name);
            s.setString(i++, grant.holder());
            s.setLong(i, grant.token());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable(withTtl ? "renew" : "release", e);
        }
    }

    private void requireOwn(LeaseGrant grant) {
        Objects.requireNonNull(grant, "grant");
        if (!grant.lease().equals(name)) {
            throw new IllegalArgumentException("the grant is for lease " + grant.lease() + ", not " + name);
        }
    }

    private LeaseUnavailableException unavailable(String what, SQLException e) {
        return new LeaseUnavailableException("cannot " + what + " lease " + name + ": " + e.getMessage(), e);
    }
}
