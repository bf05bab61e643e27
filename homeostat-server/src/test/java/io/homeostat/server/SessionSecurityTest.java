package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's browser session over loopback HTTP: signing in swaps an API token for an
 * HttpOnly, SameSite=Strict cookie and a CSRF token; mutating calls by cookie need the CSRF token;
 * Bearer calls do not; failed sign-ins are limited per address on the injected clock.
 */
class SessionSecurityTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void addABreaker() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** A browser's view of one answer. */
    private record Reply(int status, HttpResponse<String> response, JsonNode json) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }
    }

    /** A signed-in browser: its cookie and CSRF token. */
    private record Browser(String cookie, String csrf) {}

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = mapper.readTree(response.body());
        } catch (IOException notJson) {
            // left null
        }
        return new Reply(response.statusCode(), response, json);
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server.port() + path));
    }

    private Reply signIn(String token) throws Exception {
        return send(to("/api/v1/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")));
    }

    private Browser signedIn(String token) throws Exception {
        Reply reply = signIn(token);
        assertThat(reply.status()).isEqualTo(200);
        String cookie = reply.header("Set-Cookie").split(";", 2)[0];
        return new Browser(cookie, reply.json().path("csrfToken").asText());
    }

    private Reply post(Browser browser, String path, String csrf) throws Exception {
        HttpRequest.Builder request = to(path).header("Cookie", browser.cookie()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"drill\"}"));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request);
    }

    private Reply get(Browser browser, String path) throws Exception {
        return send(to(path).header("Cookie", browser.cookie()).GET());
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieAndAnswersACsrfToken() throws Exception {
        Reply reply = signIn(running.operator);
        assertThat(reply.status()).isEqualTo(200);
        String setCookie = reply.header("Set-Cookie");
        assertThat(setCookie).startsWith("homeostat_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(setCookie.split(";", 2)[0]).as("the cookie is not the API token").doesNotContain(running.operator);
        assertThat(reply.json().path("role").asText()).isEqualTo("operator");
        assertThat(reply.json().path("name").asText()).isEqualTo("ops");
        String csrf = reply.json().path("csrfToken").asText();
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(40);

        Browser browser = new Browser(setCookie.split(";", 2)[0], csrf);
        Reply whoAmI = get(browser, "/api/v1/session");
        assertThat(whoAmI.status()).isEqualTo(200);
        assertThat(whoAmI.json().path("via").asText()).isEqualTo("session");
        assertThat(whoAmI.json().path("csrfToken").asText()).as("a reloaded page gets it again").isEqualTo(csrf);
        assertThat(get(browser, "/api/v1/overview").status()).isEqualTo(200);
        assertThat(running.get("/api/v1/audit?action=api.session.sign_in", running.viewer).json().path("records")
                .get(0).path("actor").asText()).isEqualTo("token:ops");
    }

    @Test
    void aMutatingCallByCookieWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        Browser browser = signedIn(running.operator);
        Reply missing = post(browser, "/api/v1/circuits/db:primary/force-open", null);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().path("error").asText()).contains("X-CSRF-Token");
        Reply wrong = post(browser, "/api/v1/circuits/db:primary/force-open", browser.csrf() + "x");
        assertThat(wrong.status()).isEqualTo(403);
        Reply otherSessions = post(browser, "/api/v1/circuits/db:primary/force-open", signedIn(running.operator).csrf());
        assertThat(otherSessions.status()).as("another session's CSRF token").isEqualTo(403);
        assertThat(running.get("/api/v1/circuits", running.viewer).json().path("circuits").get(0).path("state").asText())
                .isEqualTo("CLOSED");

        Reply allowed = post(browser, "/api/v1/circuits/db:primary/force-open", browser.csrf());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("state").asText()).isEqualTo("FORCED_OPEN");
        JsonNode audit = running.get("/api/v1/audit?action=api.circuit.force_open", running.viewer).json().path("records");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("token:ops");
    }

    @Test
    void bearerCallsNeedNoCsrfTokenAndABearerHeaderIsTheOnlyCredentialLookedAt() throws Exception {
        assertThat(running.post("/api/v1/circuits/db:primary/force-open", running.operator, "{\"reason\":\"drill\"}").status())
                .isEqualTo(200);
        Browser browser = signedIn(running.operator);
        Reply badBearerGoodCookie = send(to("/api/v1/overview").header("Cookie", browser.cookie())
                .header("Authorization", "Bearer hst_nope").GET());
        assertThat(badBearerGoodCookie.status()).isEqualTo(401);
    }

    @Test
    void aViewersSessionWithItsCsrfTokenIsStillAViewer() throws Exception {
        Browser browser = signedIn(running.viewer);
        assertThat(get(browser, "/api/v1/circuits").status()).isEqualTo(200);
        Reply refused = post(browser, "/api/v1/circuits/db:primary/reset", browser.csrf());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).contains("operator role");
    }

    @Test
    void signingOutEndsTheSessionAndNeedsTheCsrfToken() throws Exception {
        Browser browser = signedIn(running.viewer);
        assertThat(send(to("/api/v1/session").header("Cookie", browser.cookie()).DELETE()).status()).isEqualTo(403);
        Reply out = send(to("/api/v1/session").header("Cookie", browser.cookie()).header("X-CSRF-Token", browser.csrf()).DELETE());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).startsWith("homeostat_session=;").contains("Expires=Thu, 01 Jan 1970");
        assertThat(get(browser, "/api/v1/overview").status()).isEqualTo(401);
    }

    @Test
    void aLiveStreamOpenedWithASessionEndsWhenTheSessionDoes() throws Exception {
        Browser browser = signedIn(running.viewer);
        EventStream events = running.server.events();
        try (Socket stream = new Socket("127.0.0.1", running.server.port())) {
            stream.setSoTimeout(10_000);
            stream.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + browser.cookie()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.clients() == 1);
            events.publish(new LiveEvent("before", Map.of("n", 1)));
            assertThat(readUntilEvent(lines)).isEqualTo("event: before");

            Reply out = send(to("/api/v1/session").header("Cookie", browser.cookie())
                    .header("X-CSRF-Token", browser.csrf()).DELETE());
            assertThat(out.status()).isEqualTo(204);
            events.publish(new LiveEvent("after", Map.of("secret", "not for a signed-out page")));

            assertThat(readUntilEvent(lines)).as("the stream ends, without the event").isNull();
            assertThat(events.clients()).isZero();
        }
    }

    @Test
    void revokingATokenEndsItsSessionsAndTheLiveStreamsOpenedWithIt() throws Exception {
        String secret = running.post("/api/v1/tokens", running.admin, "{\"name\":\"night-shift\",\"role\":\"viewer\"}")
                .json().path("secret").asText();
        Browser browser = signedIn(secret);
        assertThat(get(browser, "/api/v1/overview").status()).isEqualTo(200);
        EventStream events = running.server.events();
        try (Socket stream = running.openLiveStream(secret)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.clients() == 1);
            events.publish(new LiveEvent("before", Map.of("n", 1)));
            assertThat(readUntilEvent(lines)).isEqualTo("event: before");

            assertThat(running.delete("/api/v1/tokens/night-shift", running.admin).status()).isEqualTo(200);
            events.publish(new LiveEvent("after", Map.of("secret", "not for a revoked token")));

            assertThat(readUntilEvent(lines)).as("the stream ends, without the event").isNull();
            assertThat(events.clients()).isZero();
        }
        assertThat(get(browser, "/api/v1/overview").status()).as("the session signed in with it").isEqualTo(401);
        assertThat(running.get("/api/v1/overview", secret).status()).as("the token itself").isEqualTo(401);
        assertThat(signIn(secret).status()).isEqualTo(401);
    }

    /** The next {@code event:} line of an SSE stream, or null when the stream ends first. */
    private static String readUntilEvent(BufferedReader lines) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event:")) {
                return line;
            }
        }
        return null;
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInOnTheServersClock() throws Exception {
        Browser browser = signedIn(running.viewer);
        running.clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(get(browser, "/api/v1/overview").status()).isEqualTo(200);
        running.clock.advance(Duration.ofSeconds(1));
        assertThat(get(browser, "/api/v1/overview").status()).isEqualTo(401);
    }

    @Test
    void anUnknownCookieIsNotASession() throws Exception {
        assertThat(get(new Browser("homeostat_session=forged", "x"), "/api/v1/overview").status()).isEqualTo(401);
        assertThat(post(new Browser("homeostat_session=forged", "x"), "/api/v1/circuits/db:primary/reset", "x").status())
                .isEqualTo(401);
    }

    @Test
    void aWrongTokenIsRefusedAndSignInNeedsJson() throws Exception {
        Reply wrong = signIn("hst_wrong");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Set-Cookie")).isEmpty();
        Reply form = send(to("/api/v1/session").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + running.admin + "\"}")));
        assertThat(form.status()).as("a cross-site form cannot send JSON; it cannot sign in either").isEqualTo(400);
        assertThat(form.json().path("field").asText()).isEqualTo("Content-Type");
        assertThat(form.header("Set-Cookie")).isEmpty();
    }

    @Test
    void fiveFailedSignInsAMinuteFromOneAddressGet429WithRetryAfterUntilTheMinutePasses() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("hst_guess-" + i).status()).as("attempt " + (i + 1)).isEqualTo(401);
            running.clock.advance(Duration.ofSeconds(1));
        }
        Reply limited = signIn(running.admin);
        assertThat(limited.status()).as("even the right token, while limited").isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("55");
        assertThat(limited.header("Set-Cookie")).isEmpty();

        running.clock.advance(Duration.ofSeconds(54));
        assertThat(signIn(running.admin).header("Retry-After")).isEqualTo("1");
        running.clock.advance(Duration.ofSeconds(1));
        assertThat(signIn(running.admin).status()).as("the first failure is a minute old").isEqualTo(200);
        assertThat(List.of(signIn("hst_again").status(), signIn(running.admin).status()))
                .as("the success did not forget the failures at 1-4 s").containsExactly(401, 429);
    }

    @Test
    void aSuccessfulSignInDoesNotResetTheLimitOnFailures() throws Exception {
        // One valid token signed in after every four guesses must not make the guessing unlimited.
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                statuses.add(signIn("hst_guess-" + round + "-" + i).status());
            }
            statuses.add(signIn(running.viewer).status());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 200, 401, 429, 429, 429, 429, 429, 429, 429, 429, 429);
        assertThat(running.get("/api/v1/audit?action=api.session.sign_in", running.viewer).json().path("records"))
                .hasSize(1);
    }

    @Test
    void theDashboardAndChartJsAreServedWithAStrictContentSecurityPolicy() throws Exception {
        Reply page = send(to("/").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.response().body()).contains("Homeostat");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Reply chart = send(to("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").GET());
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.response().body()).contains("Chart");
    }
}
