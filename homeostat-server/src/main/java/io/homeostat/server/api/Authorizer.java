package io.homeostat.server.api;

import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.auth.Role;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Optional;

/**
 * Wraps a route's handler so that it runs only for a token of the route's role: no or an unknown
 * token gets 401 (with {@code WWW-Authenticate: Bearer}), a token of a lesser role gets 403.
 * Thread-safe.
 */
public final class Authorizer {

    private static final String PRINCIPAL = "homeostat.principal";
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    public Authorizer(ApiTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
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
}
