package io.homeostat.server.api;

import io.homeostat.server.auth.BrowserSessions;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.auth.Session;
import io.homeostat.server.auth.SignIn;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's sign-in: {@code POST /api/v1/session} exchanges an API token for a session
 * cookie (HttpOnly, SameSite=Strict) and a CSRF token; {@code GET} tells the page who it is (and
 * its CSRF token again after a reload); {@code DELETE} signs out. Sign-ins are audited; failed
 * ones are limited per remote address (429 with {@code Retry-After}).
 */
final class SessionRoutes {

    /** The body of a sign-in. */
    record SignInRequest(String token) {}

    static final String PATH = "/api/v1/session";

    private final BrowserSessions sessions;
    private final Auditor auditor;

    SessionRoutes(BrowserSessions sessions, Auditor auditor) {
        this.sessions = sessions;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(PATH, Access.PUBLIC,
                        "Signs a browser in (body: {\"token\":...}): sets the session cookie and answers the CSRF token to send in "
                                + BrowserSessions.CSRF_HEADER + "; 429 after 5 failures a minute from one address",
                        this::signIn),
                ApiRoute.get(PATH, Access.VIEWER, "Who the caller is; for a browser session also its CSRF token", List.of(),
                        this::whoAmI),
                ApiRoute.delete(PATH, Access.VIEWER, "Signs a browser session out", this::signOut));
    }

    private void signIn(Context ctx) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            // A cross-site form can post text/plain or form data without asking; JSON it cannot.
            throw new BadRequestException("Content-Type", "must be application/json");
        }
        SignInRequest request = ctx.bodyAsClass(SignInRequest.class);
        if (request.token() == null || request.token().isBlank()) {
            throw new BadRequestException("token", "missing: {\"token\":\"hst_...\"}");
        }
        String address = ctx.ip();
        switch (sessions.signIn(address, request.token().strip())) {
            case SignIn.Limited limited -> {
                long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                ctx.status(429).json(new ApiError(429, "too many failed sign-ins from " + address + "; try again in "
                        + seconds + " s", ""));
            }
            case SignIn.Refused refused ->
                    ctx.status(401).json(new ApiError(401, "that API token is not valid", "token"));
            case SignIn.SignedIn signedIn -> {
                Session session = signedIn.session();
                Cookie cookie = new Cookie(BrowserSessions.COOKIE, session.id(), "/", (int) sessions.ttl().toSeconds(),
                        "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
                ctx.cookie(cookie);
                ctx.header("Cache-Control", "no-store");
                auditor.record(session.principal(), "session.sign_in", session.principal().actor(), "dashboard sign-in",
                        Map.of("address", address));
                ctx.json(describe(session.principal(), Optional.of(session)));
            }
        }
    }

    private void whoAmI(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(describe(Authorizer.principal(ctx), Authorizer.session(ctx)));
    }

    private void signOut(Context ctx) {
        Optional<Session> session = Authorizer.session(ctx);
        session.ifPresent(s -> {
            sessions.end(s.id());
            auditor.record(s.principal(), "session.sign_out", s.principal().actor(), "dashboard sign-out", Map.of());
        });
        ctx.cookie(new Cookie(BrowserSessions.COOKIE, "", "/", 0, "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
        ctx.status(204);
    }

    private static Map<String, Object> describe(Principal principal, Optional<Session> session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", principal.name());
        body.put("role", principal.role().wireName());
        body.put("via", session.isPresent() ? "session" : "bearer");
        session.ifPresent(s -> {
            body.put("csrfToken", s.csrfToken());
            body.put("expiresAt", s.expiresAt());
        });
        return body;
    }
}
