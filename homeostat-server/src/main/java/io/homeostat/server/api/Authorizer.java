package io.homeostat.server.api;

import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.BrowserSessions;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.auth.Role;
import io.homeostat.server.auth.Session;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Wraps a route's handler so that it runs only for a token of the route's role: no or an unknown
 * token gets 401 (with {@code WWW-Authenticate: Bearer}), a token of a lesser role gets 403.
 *
 * <p>A request proves its token either with {@code Authorization: Bearer <token>} (API clients,
 * the CLI), or with the session cookie the dashboard got by signing in ({@link BrowserSessions}).
 * A Bearer header, when present, is the only credential looked at. A mutating call (anything
 * but GET, HEAD and OPTIONS) made with the session cookie must also carry the session's CSRF
 * token in {@value BrowserSessions#CSRF_HEADER}, or it gets 403: a cookie is sent by the browser
 * whoever wrote the page, the header only by the dashboard's own script. Thread-safe.
 */
public final class Authorizer {

    private static final String PRINCIPAL = "homeostat.principal";
    private static final String SESSION = "homeostat.session";
    private static final String BEARER = "Bearer ";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final ApiTokens tokens;
    private final Optional<BrowserSessions> sessions;

    /** Checks Bearer tokens and the session cookies of {@code sessions}. */
    public Authorizer(ApiTokens tokens, BrowserSessions sessions) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Optional.of(Objects.requireNonNull(sessions, "sessions"));
    }

    /** Checks Bearer tokens only: no browser sessions (e.g. a server that serves no dashboard). */
    public Authorizer(ApiTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Optional.empty();
    }

    /** {@code route}'s handler behind its access check. */
    public Handler guard(ApiRoute route) {
        Optional<Role> required = route.access().role();
        if (required.isEmpty()) {
            return route.handler();
        }
        Role role = required.get();
        Handler handler = route.handler();
        return ctx -> {
            if (ctx.header("Authorization") == null && sessions.isPresent()) {
                Optional<Session> session = sessions.get().find(ctx.cookie(BrowserSessions.COOKIE));
                if (session.isPresent() && !SAFE.contains(ctx.method())
                        && !session.get().acceptsCsrf(ctx.header(BrowserSessions.CSRF_HEADER))) {
                    ctx.status(403).json(new ApiError(403, "a browser session needs its CSRF token in the "
                            + BrowserSessions.CSRF_HEADER + " header on every mutating call", ""));
                    return;
                }
                session.ifPresent(s -> ctx.attribute(SESSION, s));
            }
            Principal principal = authenticate(ctx);
            if (principal == null) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"homeostat\"");
                ctx.status(401).json(new ApiError(401, "a valid API token is needed: Authorization: Bearer <token>", ""));
                return;
            }
            if (!principal.role().covers(role)) {
                ctx.status(403).json(new ApiError(403, "this needs the " + role.wireName() + " role; the token '"
                        + principal.name() + "' has " + principal.role().wireName(), ""));
                return;
            }
            ctx.attribute(PRINCIPAL, principal);
            handler.handle(ctx);
        };
    }

    private Principal authenticate(Context ctx) {
        Session session = ctx.attribute(SESSION);
        if (session != null) {
            return session.principal();
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return tokens.authenticate(header.substring(BEARER.length()).strip()).orElse(null);
    }

    /**
     * The principal of a request that passed the check.
     *
     * @throws IllegalStateException if the route is public (no principal)
     */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("no principal: the route is public");
        }
        return principal;
    }

    /** The browser session a request that passed the check came with; empty for a Bearer token. */
    public static Optional<Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }
}
