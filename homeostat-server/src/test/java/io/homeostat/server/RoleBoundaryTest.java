package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.server.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the OpenAPI document lists, called over HTTP with no token, a wrong token, and a
 * token of each role: a public route answers everyone, a secured one answers 401 without a valid
 * token, 403 below its role, and neither at or above it.
 */
class RoleBoundaryTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private record Route(String method, String path, String role) {}

    private List<Route> documentedRoutes() {
        JsonNode paths = running.get("/api/v1/openapi.json", null).json().path("paths");
        List<Route> routes = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> routes.add(
                new Route(operation.getKey(), path.getKey().replaceAll("\\{[^}]+}", "nothing-here"),
                        operation.getValue().path("x-homeostat-role").asText("")))));
        return routes;
    }

    private RunningServer.Answer call(Route route, String token) {
        return switch (route.method()) {
            case "get" -> running.get(route.path(), token);
            case "post" -> running.post(route.path(), token, "{}");
            default -> running.send(running.request(route.path(), token)
                    .method(route.method().toUpperCase(java.util.Locale.ROOT), java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build());
        };
    }

    /** Signing in is public by nature (it is how a browser gets its credentials); tested in SessionSecurityTest. */
    private static boolean isSignIn(Route route) {
        return route.method().equals("post") && route.path().equals("/api/v1/session");
    }

    @Test
    void everyRouteAnswersOnlyTheRolesItAllows() {
        Map<Role, String> tokens = Map.of(Role.VIEWER, running.viewer, Role.OPERATOR, running.operator, Role.ADMIN, running.admin);
        List<Route> routes = documentedRoutes();
        assertThat(routes).extracting(Route::role).contains("", "viewer", "operator", "admin");
        for (Route route : routes) {
            if (isSignIn(route)) {
                assertThat(call(route, null).json().path("field").asText()).as(route.toString()).isEqualTo("token");
                continue;
            }
            if (route.role().isEmpty()) {
                assertThat(call(route, null).status()).as(route.toString()).isIn(200, 503);
                continue;
            }
            Role required = Role.ofWireName(route.role()).orElseThrow();
            assertThat(call(route, null).status()).as("no token: " + route).isEqualTo(401);
            assertThat(call(route, "hst_not-a-real-token").status()).as("unknown token: " + route).isEqualTo(401);
            assertThat(call(route, running.admin.substring(0, running.admin.length() - 1)).status())
                    .as("truncated admin token: " + route).isEqualTo(401);
            for (Role role : Role.values()) {
                int status = call(route, tokens.get(role)).status();
                if (role.covers(required)) {
                    assertThat(status).as(role + " on " + route).isNotIn(401, 403);
                } else {
                    assertThat(status).as(role + " on " + route).isEqualTo(403);
                }
            }
        }
    }

    private RunningServer.Answer head(String path, String token) {
        return running.send(running.request(path, token).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void headAnswersEveryGetRouteWithTheStatusGetWouldHaveAndNoBody() {
        List<Route> gets = documentedRoutes().stream().filter(route -> route.method().equals("get")).toList();
        assertThat(gets).hasSizeGreaterThan(20);
        for (Route route : gets) {
            for (String token : java.util.Arrays.asList(null, "hst_not-a-real-token", running.viewer, running.admin)) {
                RunningServer.Answer head = head(route.path(), token);
                assertThat(head.status()).as("HEAD " + route).isEqualTo(call(route, token).status());
                assertThat(head.text()).as("HEAD " + route).isEmpty();
            }
        }
        assertThat(head("/api/v1/tokens", null).status()).isEqualTo(401);
        assertThat(head("/api/v1/tokens", running.viewer).status()).isEqualTo(403);
        assertThat(head("/api/v1/tokens", running.admin).status()).isEqualTo(200);
        assertThat(head("/api/v1/incidents/no-such-incident", running.viewer).status()).isEqualTo(404);
        assertThat(head("/api/v1/nope", running.admin).status()).isEqualTo(404);
    }

    @Test
    void everyMutatingRouteNeedsAtLeastOperator() {
        // Except the browser session's own: signing in is public, signing out ends only the caller's session.
        assertThat(documentedRoutes()).filteredOn(route -> !route.method().equals("get"))
                .filteredOn(route -> !route.path().equals("/api/v1/session"))
                .isNotEmpty()
                .anySatisfy(route -> assertThat(route.method()).isEqualTo("delete"))
                .allSatisfy(route -> assertThat(route.role()).isIn("operator", "admin"));
    }

    @Test
    void aViewerCannotCreateTokensNorIngestAndNothingIsAuditedForRefusedCalls() {
        RunningServer.Answer refused = running.post("/api/v1/tokens", running.viewer, "{\"name\":\"x\",\"role\":\"admin\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).contains("admin role", "watcher");
        RunningServer.Answer refusedByOperator = running.post("/api/v1/tokens", running.operator,
                "{\"name\":\"x\",\"role\":\"admin\"}");
        assertThat(refusedByOperator.status()).isEqualTo(403);
        assertThat(running.server.tokens().list()).extracting(p -> p.name()).doesNotContain("x");
        JsonNode records = running.get("/api/v1/audit", running.viewer).json().path("records");
        assertThat(records).isEmpty();
    }

    @Test
    void anAdminCreatesATokenWhoseSecretWorksWithItsRoleOnly() {
        RunningServer.Answer created = running.post("/api/v1/tokens", running.admin, "{\"name\":\"ci\",\"role\":\"viewer\"}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        assertThat(running.get("/api/v1/overview", secret).status()).isEqualTo(200);
        assertThat(running.post("/api/v1/signals", secret, "{\"signals\":[]}").status()).isEqualTo(403);
        assertThat(created.json().path("role").asText()).isEqualTo("viewer");
        Map<String, String> listed = new java.util.TreeMap<>();
        running.get("/api/v1/tokens", running.admin).json().path("tokens")
                .forEach(token -> listed.put(token.path("name").asText(), token.path("role").asText()));
        assertThat(listed).as("roles by wire name, as POST, /api/v1/session and the OpenAPI document spell them")
                .isEqualTo(Map.of("admin", "admin", "ops", "operator", "watcher", "viewer", "ci", "viewer"));
        assertThat(running.post("/api/v1/tokens", running.admin, "{\"name\":\"ci\",\"role\":\"viewer\"}").status())
                .isEqualTo(409);
        assertThat(running.post("/api/v1/tokens", running.admin, "{\"name\":\"ci2\",\"role\":\"root\"}").json()
                .path("field").asText()).isEqualTo("role");
        JsonNode records = running.get("/api/v1/audit?action=api.token.create", running.viewer).json().path("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("actor").asText()).isEqualTo("token:admin");
        assertThat(records.get(0).path("target").asText()).isEqualTo("token:ci");
    }

    @Test
    void anAdminRevokesATokenAuditedButNeverTheOnlyAdminToken() {
        String secret = running.post("/api/v1/tokens", running.admin, "{\"name\":\"ci\",\"role\":\"operator\"}")
                .json().path("secret").asText();
        assertThat(running.delete("/api/v1/tokens/ci", running.operator).status()).isEqualTo(403);
        assertThat(running.get("/api/v1/overview", secret).status()).as("refused, so not revoked").isEqualTo(200);

        RunningServer.Answer revoked = running.delete("/api/v1/tokens/ci", running.admin);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("name").asText()).isEqualTo("ci");
        assertThat(revoked.json().path("role").asText()).isEqualTo("operator");
        assertThat(running.get("/api/v1/overview", secret).status()).isEqualTo(401);
        assertThat(running.delete("/api/v1/tokens/ci", running.admin).status()).isEqualTo(404);
        JsonNode records = running.get("/api/v1/audit?action=api.token.revoke", running.viewer).json().path("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("actor").asText()).isEqualTo("token:admin");
        assertThat(records.get(0).path("target").asText()).isEqualTo("token:ci");

        RunningServer.Answer only = running.delete("/api/v1/tokens/admin", running.admin);
        assertThat(only.status()).isEqualTo(409);
        assertThat(only.json().path("error").asText()).contains("only admin token", "make another admin token");
        assertThat(running.get("/api/v1/overview", running.admin).status()).isEqualTo(200);
        String second = running.post("/api/v1/tokens", running.admin, "{\"name\":\"admin-2\",\"role\":\"admin\"}")
                .json().path("secret").asText();
        assertThat(running.delete("/api/v1/tokens/admin", second).status()).isEqualTo(200);
        assertThat(running.get("/api/v1/overview", running.admin).status()).isEqualTo(401);
    }

    @Test
    void anUndocumentedPathIsNotFound() {
        assertThat(running.get("/api/v1/nope", running.admin).status()).isEqualTo(404);
    }
}
