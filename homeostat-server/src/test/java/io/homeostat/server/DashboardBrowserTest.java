package io.homeostat.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import io.homeostat.server.runtime.CircuitView;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * Playwright with its browser download skipped) against a real server on loopback: sign in, an
 * ingested incident appearing live, a circuit reset, an alert acknowledged, CSRF and the cookie
 * seen from the page. Screenshots go to {@code target/screenshots}. Skipped only when Chromium
 * is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private HeadlessChromium chromium;

    @TempDir
    Path data;

    private RunningServer running;
    private Page page;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void launch() throws Exception {
        Files.createDirectories(HeadlessChromium.SCREENSHOTS);
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    void shutDown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open() {
        consoleErrors.clear();
        running = new RunningServer(data);
        page = chromium.newPage();
        // The page's clock is the server's (a manual clock), so "5 min ago" means what it says.
        page.clock().setFixedTime(RunningServer.START.plusSeconds(10).toEpochMilli());
        page.onConsoleMessage(message -> {
            // Failed requests are checked by their answers below, with their URLs.
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                consoleErrors.add(message.text());
            }
        });
        page.onResponse(response -> {
            boolean signedOutProbe = response.status() == 401 && response.url().endsWith("/api/v1/session");
            if (response.status() >= 400 && !signedOutProbe) {
                consoleErrors.add(response.status() + " " + response.request().method() + " " + response.url());
            }
        });
        page.onPageError(error -> consoleErrors.add(error));
    }

    @AfterEach
    void close(TestInfo test) throws Exception {
        try {
            if (page != null) {
                HeadlessChromium.screenshotAndClose(page, test);
            }
        } finally {
            running.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + running.server.port();
    }

    private void signIn(String token) {
        page.navigate(base() + "/");
        page.locator("#token").fill(token);
        page.locator("#sign-in-button").click();
        assertThat(page.locator("#live-state")).hasText("live");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.events().clients() >= 1);
    }

    private void confirm(String reason) {
        assertThat(page.locator("#reason-dialog")).isVisible();
        page.locator("#reason-input").fill(reason);
        page.locator("#reason-ok").click();
    }

    private static String ingestBody(String id, String service, double errorRate) {
        return "{\"signals\":[{\"id\":\"" + id + "\",\"kind\":\"metric_sample\",\"service\":\"" + service + "\","
                + "\"metric\":\"error.rate\",\"value\":" + errorRate + ",\"time\":\"2026-06-01T12:00:00Z\"}]}";
    }

    @Test
    void signsInWithAnApiTokenAndSeesTheOverview() {
        page.navigate(base() + "/");
        assertThat(page.locator("#sign-in")).isVisible();
        page.locator("#token").fill("hst_not-a-token");
        page.locator("#sign-in-button").click();
        assertThat(page.locator("#sign-in-error")).hasText("That token is not valid.");
        page.screenshot(new Page.ScreenshotOptions().setPath(HeadlessChromium.SCREENSHOTS.resolve("sign-in.png")));

        signIn(running.operator);
        assertThat(page.locator("[data-testid=who]")).hasText("ops · operator");
        assertThat(page.locator("[data-testid=stat-health]")).containsText("Healthy");
        assertThat(page.locator("[data-testid=stat-incidents]")).containsText("0");
        assertThat(page.locator("#panel-incidents")).containsText("No incidents");
        assertThat((Boolean) page.evaluate("() => typeof Chart === 'function'")).as("Chart.js from its WebJar").isTrue();

        page.reload();
        // The session outlives a reload.
        assertThat(page.locator("[data-testid=who]")).hasText("ops · operator");
        assertThat(consoleErrors).as("no script errors, no CSP violations").isEmpty();
    }

    @Test
    void anIncidentIngestedThroughTheApiAppearsLiveWithoutReload() {
        signIn(running.operator);
        assertThat(page.locator("#panel-incidents")).containsText("No incidents");
        page.evaluate("() => { window.notReloaded = true; }");

        assertThat(running.post("/api/v1/signals", running.operator, ingestBody("e-1", "payments", 0.4)).status())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !running.server.loop().tracker().active().isEmpty());

        Locator row = page.locator("[data-testid=incidents-table] tbody tr").filter(new Locator.FilterOptions().setHasText("payments"));
        // Within a second of the incident opening on the server.
        assertThat(row).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
        assertThat(row).containsText("high");
        assertThat((Boolean) page.evaluate("() => window.notReloaded === true")).as("no reload happened").isTrue();
        assertThat(page.locator("[data-testid=stat-incidents]")).containsText("1");
        assertThat(page.locator("[data-testid=alerts-table]")).containsText("payments");
        assertThat(page.locator("[data-testid=heatmap]")).containsText("payments");

        row.click();
        assertThat(page.locator("#drawer")).isVisible();
        assertThat(page.locator("#drawer-body")).containsText("Timeline");
        assertThat(page.locator("#drawer-body")).containsText("Not diagnosed yet");
        page.locator("#drawer .close").click();

        // Drill-down from the heatmap: the ingested error rate, per minute from the store, charted.
        running.server.loop().store().flush();
        page.locator("[data-testid=heatmap] .name").filter(new Locator.FilterOptions().setHasText("payments")).click();
        assertThat(page.locator("#drawer-body [data-testid=drill-charts] .chart-title")
                .filter(new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^error\\.rate$")))).isVisible();
        assertThat(page.locator("#drawer-body [data-testid=drill-charts] canvas").last()).isVisible();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anIncidentEventAfterAFailedLoadReloadsTheListInsteadOfShowingOnlyItself() {
        assertThat(running.post("/api/v1/signals", running.operator, ingestBody("e-0", "orders", 0.4)).status())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.loop().tracker().active().size() == 1);
        // The first load of the list fails, as when the database is away; the next ones go through.
        AtomicInteger failed = new AtomicInteger();
        page.route(url -> url.contains("/api/v1/incidents?limit=50"), route -> {
            if (failed.getAndIncrement() == 0) {
                route.fulfill(new Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setBody("{\"error\":\"the database does not answer\"}"));
            } else {
                route.resume();
            }
        });
        signIn(running.operator);
        assertThat(page.locator("#panel-incidents")).containsText("Could not load");

        assertThat(running.post("/api/v1/signals", running.operator, ingestBody("e-1", "payments", 0.4)).status())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.loop().tracker().active().size() == 2);

        Locator table = page.locator("#panel-incidents [data-testid=incidents-table]");
        assertThat(table).containsText("payments");
        assertThat(table).containsText("orders"); // the whole list, not only the incident of the event
        assertThat(failed.get()).as("loaded again after the failure").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBreakerTrippingShowsLiveWithItsNextRetryAndAnOperatorResetsIt() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        signIn(running.operator);
        Locator row = page.locator("[data-testid=circuits-table] tbody tr[data-key='db:primary']");
        assertThat(row.locator("[data-testid=circuit-state]")).hasText("closed");

        CircuitBreaker breaker = running.server.loop().guards().find("db:primary").orElseThrow().circuitBreaker().orElseThrow();
        long now = running.clock.monotonicNanos();
        for (int i = 0; i < CircuitBreakerConfig.defaults().minimumNumberOfCalls(); i++) {
            if (breaker.tryAcquirePermission(now)) {
                breaker.onError(now, 1_000_000, new IllegalStateException("connection refused"));
            }
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(row.locator("[data-testid=circuit-state]")).hasText("open");
        // Open at 12:00:00 for the default 60 s; the page's clock says 12:00:10.
        assertThat(row.locator("[data-testid=next-retry]")).hasText("in 50 seconds");
        assertThat(row).containsText("10");

        row.locator("[data-testid=reset]").click();
        confirm("upstream fixed");

        assertThat(row.locator("[data-testid=circuit-state]")).hasText("closed");
        assertThat(running.server.loop().circuits().list()).extracting(CircuitView::state).containsExactly(CircuitState.CLOSED);
        JsonNode audit = running.get("/api/v1/audit?action=api.circuit.reset", running.viewer).json().path("records");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("token:ops");
        assertThat(audit.get(0).path("reason").asText()).isEqualTo("upstream fixed");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anOperatorAcknowledgesAnAlertAndSilencesItsService() {
        running.server.loop().tracker().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("db:primary", "error.rate"), "errors", "error-rate-high",
                Severity.HIGH, 0.9, "error rate 40 %", Map.of(), RunningServer.START));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !running.server.loop().alerting().alerts().isEmpty());
        signIn(running.operator);
        Locator row = page.locator("[data-testid=alerts-table] tbody tr").first();
        assertThat(row).containsText("db:primary");

        row.locator("[data-testid=ack]").click();
        confirm("looking into it");

        assertThat(row).containsText("acknowledged");
        assertThat(row.locator("[data-testid=ack]")).isDisabled();
        assertThat(running.server.loop().alerting().alerts().get(0).acknowledgedBy()).isEqualTo("token:ops");

        row.locator("[data-testid=silence]").click();
        page.locator("#silence-minutes").selectOption("240");
        confirm("planned failover");
        assertThat(page.locator("[data-testid=silences-table]")).containsText("service=db:primary");
        assertThat(running.server.loop().alerting().silences()).singleElement()
                .satisfies(silence -> assertThat(silence.author()).isEqualTo("token:ops"));
        assertThat(consoleErrors).isEmpty();
    }

    /**
     * A memory-leak run for payments waiting for a person to approve its first step, put in the
     * store as the safety gate would leave it (the shipped workflows have no high-risk step this
     * server can reach: their commands are not allow-listed here).
     */
    private WorkflowRun pendingApproval() {
        ControlLoop loop = running.server.loop();
        Incident incident = loop.tracker().observe(new Detection("d-mem", "anomaly", Detection.Kind.ANOMALY,
                Detection.Status.FIRING, new SeriesKey("payments", "memory.used"), "memory", "memory-leak", Severity.HIGH,
                0.9, "memory climbs towards its limit", Map.of(), RunningServer.START)).orElseThrow();
        Instant now = running.clock.instant();
        WorkflowRun started = WorkflowRun.start("run-1", incident.id(), "memory-leak", "payments", TriggerType.ANOMALY, now,
                now.plus(Duration.ofMinutes(20)), now);
        loop.store().workflows().create(started);
        WorkflowRun waiting = started.awaitingApproval(now.plus(Duration.ofMinutes(15)),
                "tell-people is high risk and needs a person's approval", now);
        loop.store().workflows().update(waiting);
        assertThat(loop.recovery().run("run-1")).map(WorkflowRun::phase).contains(RunPhase.AWAITING_APPROVAL);
        return waiting;
    }

    @Test
    void aPageTheLiveStreamRefusedConnectsOnceThereIsRoom() throws Exception {
        EventStream events = running.server.events();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < EventStream.MAX_CLIENTS; i++) {
                held.add(running.openLiveStream(running.viewer));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events.clients() == EventStream.MAX_CLIENTS);

            page.navigate(base() + "/");
            page.locator("#token").fill(running.operator);
            page.locator("#sign-in-button").click();
            // The page is offline before it first connects too: wait for its refusal first.
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> events.refused() > 0);
            assertThat(page.locator("#live-state")).hasText("offline");

            // Room for one: found when a write to the closed connection fails. EventSource gave up at the
            // 503; the page tries again by itself (every 10 s) and is live then.
            held.removeFirst().close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                events.publish(new LiveEvent("poke", Map.of()));
                return events.clients() < EventStream.MAX_CLIENTS;
            });
            assertThat(page.locator("#live-state")).hasText("live", new LocatorAssertions.HasTextOptions().setTimeout(25_000));
            assertThat(events.clients()).isEqualTo(EventStream.MAX_CLIENTS);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anOperatorApprovesAPendingRecoveryStep() {
        WorkflowRun pending = pendingApproval();
        signIn(running.operator);
        Locator row = page.locator("[data-testid=approvals-table] tbody tr[data-key='" + pending.runId() + "']");
        assertThat(row).containsText("memory-leak");
        assertThat(row).containsText("payments");

        row.locator("[data-testid=approve]").click();
        // The approval is audited (and the live stream tells the page) before the approved step acts,
        // so the panel may empty while the request is still acting: wait for its answer.
        page.waitForResponse(response -> response.url().endsWith("/approve") && response.request().method().equals("POST"),
                () -> confirm("risk understood"));

        assertThat(page.locator("#panel-approvals")).containsText("Nothing waits for approval.");
        WorkflowRun after = running.server.loop().recovery().run(pending.runId()).orElseThrow();
        assertThat(after.phase()).isNotEqualTo(RunPhase.AWAITING_APPROVAL);
        // The approved step acted (an alert); the run went on and shows in the recovery history.
        assertThat(page.locator("[data-testid=recovery-table]")).containsText("memory-leak");
        assertThat(running.server.loop().recovery().steps(pending.runId())).extracting(step -> step.action()).contains("alert");
        JsonNode audit = running.get("/api/v1/audit?action=api.approval.approve", running.viewer).json().path("records");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("token:ops");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anOperatorStartsARecoveryByHandAndSeesTheRun() {
        signIn(running.operator);
        page.locator("[data-testid=trigger-workflow]").selectOption("memory-leak");
        page.locator("#trigger-service").fill("payments");
        page.locator("#trigger-reason").fill("heap dump shows a leak");
        page.locator("[data-testid=trigger]").click();

        assertThat(page.locator("#toasts")).containsText("memory-leak on payments: started");
        Locator run = page.locator("[data-testid=recovery-table] tbody tr").first();
        assertThat(run).containsText("memory-leak");
        assertThat(run).containsText("payments");
        assertThat(page.locator("[data-testid=incidents-table]")).containsText("payments");
        JsonNode audit = running.get("/api/v1/audit?action=api.workflow.run", running.viewer).json().path("records");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("reason").asText()).isEqualTo("heap dump shows a leak");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void thePageCannotReadItsSessionCookieAndAForgedCallWithoutTheCsrfTokenIsRefused() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        signIn(running.operator);
        assertThat((String) page.evaluate("() => document.cookie")).doesNotContain("homeostat_session");
        assertThat(page.context().cookies()).anySatisfy(cookie -> {
            assertThat(cookie.name).isEqualTo("homeostat_session");
            assertThat(cookie.httpOnly).isTrue();
            assertThat(cookie.sameSite.name()).isEqualTo("STRICT");
        });
        Object status = page.evaluate("() => fetch('/api/v1/circuits/db:primary/force-open', {method: 'POST',"
                + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({reason: 'forged'})}).then(r => r.status)");
        assertThat(status).isEqualTo(403);
        assertThat(running.server.loop().circuits().list()).extracting(CircuitView::state).containsExactly(CircuitState.CLOSED);
    }

    @Test
    void aViewerSeesEverythingButCannotAct() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.post("/api/v1/circuits/db:primary/force-open", running.operator, "{\"reason\":\"drill\"}");
        signIn(running.viewer);
        assertThat(page.locator("[data-testid=who]")).hasText("watcher · viewer");
        assertThat(page.locator("[data-testid=circuits-table] [data-testid=reset]")).isDisabled();
        assertThat(consoleErrors).isEmpty();
    }
}
