package io.homeostat.server.auth;

import io.homeostat.core.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the dashboard: signing in with an API token gives a session (sent back as
 * an HttpOnly, SameSite=Strict cookie) and a CSRF token. Sessions live in memory (a restart signs
 * everyone out) and end {@link #DEFAULT_TTL} after sign-in, on the injected clock, or when the
 * token they signed in with is revoked; failed
 * sign-ins are limited per remote address by a {@link LoginLimiter}. At most 10,000 sessions
 * exist at once: beyond that, ended ones are dropped, then the one ending soonest.
 *
 * <p>Thread-safe.
 */
public final class BrowserSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "homeostat_session";
    /** The request header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** How long a session lasts: 12 hours (a shift). */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final ApiTokens tokens;
    private final LoginLimiter limiter;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * Sessions over {@code tokens}, each lasting {@code ttl}, with failed sign-ins limited by {@code limiter}.
     *
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    public BrowserSessions(ApiTokens tokens, LoginLimiter limiter, Clock clock, Duration ttl) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }

    /** Sessions of {@link #DEFAULT_TTL}, 5 failed sign-ins a minute per address. */
    public static BrowserSessions defaults(ApiTokens tokens, Clock clock) {
        return new BrowserSessions(tokens, LoginLimiter.defaults(clock), clock, DEFAULT_TTL);
    }

    /** How long a session lasts. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Signs in from {@code address} with the API token {@code secret}: refused without looking
     * at the token while the address is limited. A success leaves the address's failures counted
     * (see {@link LoginLimiter}).
     */
    public SignIn signIn(String address, String secret) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        Optional<Duration> wait = limiter.retryAfter(address);
        if (wait.isPresent()) {
            return new SignIn.Limited(wait.get());
        }
        Optional<Principal> principal = tokens.authenticate(secret);
        if (principal.isEmpty()) {
            limiter.failed(address);
            return new SignIn.Refused();
        }
        if (sessions.size() >= MAX_SESSIONS) {
            makeRoom();
        }
        Session session = new Session(randomToken(), principal.get(), randomToken(), clock.instant().plus(ttl),
                clock.monotonicNanos() + ttl.toNanos());
        sessions.put(session.id(), session);
        return new SignIn.SignedIn(session);
    }

    /**
     * The live session whose cookie value is {@code id}; an ended one (expired, or its token
     * revoked) is forgotten.
     */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.monotonicNanos() - session.expiresAtNanos() >= 0 || !tokens.isCurrent(session.principal())) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Ends the session {@code id} (signing out); nothing happens if there is none. */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Sessions held now, ended ones not yet forgotten included. */
    public int size() {
        return sessions.size();
    }

    private void makeRoom() {
        long now = clock.monotonicNanos();
        sessions.values().removeIf(session -> now - session.expiresAtNanos() >= 0);
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min((a, b) -> Long.compare(a.expiresAtNanos(), b.expiresAtNanos()))
                    .ifPresent(oldest -> sessions.remove(oldest.id(), oldest));
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
