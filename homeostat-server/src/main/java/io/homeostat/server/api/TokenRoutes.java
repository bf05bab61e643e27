package io.homeostat.server.api;

import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.IssuedToken;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.auth.Role;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;

/**
 * API tokens, for admins: list names and roles; create one (its secret is shown once) and revoke
 * one (its secret, and the sessions and live streams opened with it, stop working at once); both
 * audited.
 */
final class TokenRoutes {

    /** The body of a token request. */
    record TokenRequest(String name, String role) {}

    /** A token as the API lists it: the role by its wire name, lower case, as everywhere else in the API. */
    record TokenJson(String name, String role) {
        static TokenJson of(Principal principal) {
            return new TokenJson(principal.name(), principal.role().wireName());
        }
    }

    private final ApiTokens tokens;
    private final Auditor auditor;

    TokenRoutes(ApiTokens tokens, Auditor auditor) {
        this.tokens = tokens;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/tokens", Access.ADMIN, "API token names and roles (never secrets)", List.of(),
                        ctx -> ctx.json(Map.of("tokens", tokens.list().stream().map(TokenJson::of).toList()))),
                ApiRoute.post("/api/v1/tokens", Access.ADMIN,
                        "Creates a token (body: {\"name\":...,\"role\":\"viewer|operator|admin\"}); the secret is in this answer only",
                        this::issue).withResponses(ApiResponse.json(201, "created: name, role and secret"),
                        ApiResponse.error(409, "a token has that name"),
                        ApiResponse.error(503, "the database does not answer: no token was made")),
                ApiRoute.delete("/api/v1/tokens/{name}", Access.ADMIN,
                        "Revokes a token: its secret, and the browser sessions and live streams opened with it, stop"
                                + " working at once; the only admin token cannot be revoked",
                        this::revoke).withResponses(ApiResponse.json(200, "revoked: name and role"),
                        ApiResponse.error(404, "no token has that name"),
                        ApiResponse.error(409, "it is the only admin token: make another admin token first"),
                        ApiResponse.error(503, "the database does not answer: the token still works")));
    }

    private void revoke(Context ctx) {
        String name = ctx.pathParam("name");
        Principal revoked = tokens.revoke(name)
                .orElseThrow(() -> new NotFoundResponse("no token named '" + name + "'"));
        auditor.record(Authorizer.principal(ctx), "token.revoke", "token:" + revoked.name(),
                "role " + revoked.role().wireName(), Map.of("role", revoked.role().wireName()));
        ctx.json(TokenJson.of(revoked));
    }

    private void issue(Context ctx) {
        TokenRequest request = ctx.bodyAsClass(TokenRequest.class);
        if (request.name() == null || request.name().isBlank()) {
            throw new BadRequestException("name", "missing");
        }
        if (request.role() == null) {
            throw new BadRequestException("role", "missing: one of viewer, operator, admin");
        }
        Role role = Role.ofWireName(request.role())
                .orElseThrow(() -> new BadRequestException("role", "unknown role '" + request.role() + "': one of viewer, operator, admin"));
        IssuedToken token;
        try {
            token = tokens.issue(request.name(), role);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("name", e.getMessage());
        }
        Principal principal = Authorizer.principal(ctx);
        auditor.record(principal, "token.create", "token:" + token.name(), "role " + role.wireName(), Map.of("role", role.wireName()));
        ctx.status(201).json(Map.of("name", token.name(), "role", role.wireName(), "secret", token.secret()));
    }
}
