package io.homeostat.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.homeostat.core.degrade.DegradationLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The dashboard's degradation and flags panel kept current by the live stream, in real headless
 * Chromium as in {@link DashboardBrowserTest}: a flag changed through the API, the degradation
 * level changed by the loop and a recovery switch set elsewhere appear in the open page within a
 * second, without a reload; the read-only configuration panel shows {@code GET /api/v1/config}.
 * Skipped only when Chromium is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveControlsBrowserTest {

    private static final LocatorAssertions.IsCheckedOptions WITHIN_A_SECOND =
            new LocatorAssertions.IsCheckedOptions().setTimeout(1000);

    private HeadlessChromium chromium;

    @TempDir
    Path data;

    private RunningServer running;
    private Page page;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void launch() throws Exception {
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
        pageErrors.clear();
        running = new RunningServer(data);
        running.server.loop().toggles().register("recommendations", DegradationLevel.FULL);
        page = chromium.newPage();
        page.onPageError(pageErrors::add);
        page.onResponse(response -> {
            // the page asks whether it is signed in before it is: that 401 is expected
            boolean signedOutProbe = response.status() == 401 && response.url().endsWith("/api/v1/session");
            if (response.status() >= 400 && !signedOutProbe) {
                pageErrors.add(response.status() + " " + response.request().method() + " " + response.url());
            }
        });
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

    private void signIn(String token) {
        signIn(token, running.server.port());
    }

    private void signIn(String token, int port) {
        page.navigate("http://127.0.0.1:" + port + "/");
        page.locator("#token").fill(token);
        page.locator("#sign-in-button").click();
        assertThat(page.locator("#live-state")).hasText("live");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.events().clients() >= 1);
        page.evaluate("() => { window.notReloaded = true; }");
    }

    @Test
    void aFlagChangedThroughTheApiAppearsInTheOpenDashboardWithinASecond() {
        signIn(running.viewer);
        Locator box = page.locator("[data-testid=flag-recommendations]");
        assertThat(box).isChecked();

        assertThat(running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":false,\"reason\":\"slow queries\"}").status()).isEqualTo(200);
        assertThat(box).not().isChecked(WITHIN_A_SECOND);

        assertThat(running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":null,\"reason\":\"fixed\"}").status()).isEqualTo(200);
        assertThat(box).isChecked(WITHIN_A_SECOND);

        // Forced on while on: the feature does not change, its override does, and the page shows it.
        Locator forced = page.locator("#panel-controls .toggle").filter(new Locator.FilterOptions().setHasText("recommendations"));
        assertThat(forced).not().containsText("forced");
        assertThat(running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":true,\"reason\":\"keep it on\"}").status()).isEqualTo(200);
        assertThat(forced).containsText("forced", new LocatorAssertions.ContainsTextOptions().setTimeout(1000));
        assertThat(box).isChecked();
        assertThat((Boolean) page.evaluate("() => window.notReloaded === true")).as("no reload happened").isTrue();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void aDegradationTheLoopMakesAndARecoverySwitchSetElsewhereAppearWithoutReload() {
        signIn(running.operator);
        Locator level = page.locator("[data-testid=degradation-level]");
        assertThat(level).hasText("full");
        assertThat(page.locator("#panel-controls")).containsText("Recovery may act on every service");

        // As the automatic degradation or a recovery action does it: through the kernel, not the API.
        running.server.loop().control().setDegradation(DegradationLevel.REDUCED, "recovery db slow");
        assertThat(level).hasText("reduced", new LocatorAssertions.HasTextOptions().setTimeout(1000));
        assertThat(page.locator("[data-testid=flag-recommendations]")).not().isChecked(WITHIN_A_SECOND);

        assertThat(running.post("/api/v1/flags/recovery.service:orders", running.admin,
                "{\"enabled\":false,\"reason\":\"manual failover\"}").status()).isEqualTo(200);
        Locator orders = page.locator("[data-testid=left-alone][data-key='recovery.service:orders']");
        assertThat(orders).containsText("off by token:admin: manual failover",
                new LocatorAssertions.ContainsTextOptions().setTimeout(1000));

        // And back on from this page, with a reason; the row goes.
        orders.locator("[data-testid=turn-on]").click();
        assertThat(page.locator("#reason-dialog")).isVisible();
        page.locator("#reason-input").fill("failover done");
        page.locator("#reason-ok").click();
        assertThat(orders).hasCount(0);
        assertThat(running.server.loop().recovery().flags().disabledServices()).isEmpty();
        assertThat((Boolean) page.evaluate("() => window.notReloaded === true")).as("no reload happened").isTrue();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void theConfigurationPanelShowsWhatIsInEffectReadOnlyAndFollowsTheMode() {
        signIn(running.viewer);
        Locator panel = page.locator("#panel-config");
        assertThat(row("server", "host")).containsText("127.0.0.1");
        assertThat(row("server", "port")).containsText("0");
        assertThat(row("store", "jdbcUrl")).containsText("jdbc:h2:file:");
        assertThat(row("loop", "workflows")).containsText("memory-leak");
        assertThat(row("loop", "actions")).containsText("failover");
        assertThat(row("loop", "automationMode")).containsText("FULL");
        assertThat(panel.locator("button, input, select, textarea")).hasCount(0);

        assertThat(running.post("/api/v1/flags/recovery.mode", running.operator, "{\"value\":\"shadow\",\"reason\":\"trial\"}")
                .status()).isEqualTo(200);
        assertThat(row("loop", "automationMode")).containsText("SHADOW",
                new LocatorAssertions.ContainsTextOptions().setTimeout(1000));
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void aChangeMadeWhileTheStreamWasBrokenAppearsOnceItReconnects() throws Exception {
        try (TcpRelay network = new TcpRelay(running.server.port())) {
            signIn(running.viewer, network.port());
            Locator box = page.locator("[data-testid=flag-recommendations]");
            assertThat(box).isChecked();

            // As when the server cuts off a page that fell too far behind, or the network breaks: the
            // event of a change made meanwhile never reaches the page.
            network.cut();
            assertThat(page.locator("#live-state")).hasText("connecting…");
            assertThat(running.post("/api/v1/flags/recommendations", running.operator,
                    "{\"enabled\":false,\"reason\":\"slow queries\"}").status()).isEqualTo(200);
            network.restore();

            // EventSource reconnects by itself (after about 3 s); the page then loads its panels again.
            assertThat(page.locator("#live-state")).hasText("live");
            assertThat(box).not().isChecked();
            assertThat((Boolean) page.evaluate("() => window.notReloaded === true")).as("no reload happened").isTrue();
            assertThat(pageErrors).isEmpty();
        }
    }

    private Locator row(String section, String key) {
        return page.locator("[data-testid=config-" + section + "] tbody tr[data-key='" + key + "']");
    }
}
