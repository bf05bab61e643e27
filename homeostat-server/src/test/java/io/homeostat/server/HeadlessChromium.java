package io.homeostat.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;

/**
 * Debian's Chromium, headless, driven by Playwright with its browser download skipped (works
 * offline): what every dashboard browser test launches once per class. Skips the test class when
 * Chromium is not installed. Close it after the class.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Where {@link #screenshotAndClose} saves the page of each test. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches Chromium, or skips the calling test class if it is not installed. */
    static HeadlessChromium launch() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no Chromium at " + CHROMIUM + " (apt-get install -y chromium chromium-driver; .ci/run does)");
        // Generous waits for a loaded CI machine; a claim about time (live within 1 s) sets its own.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new HeadlessChromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run"))));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A page in a browser context of its own, 1440 by 1100 pixels, waiting up to 15 s for what it is asked. */
    Page newPage() {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1100)).newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /** Saves a full-page screenshot of {@code page}, named after {@code test}'s method; then closes its context. */
    static void screenshotAndClose(Page page, TestInfo test) throws IOException {
        try {
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png")));
        } finally {
            page.context().close();
        }
    }

    @Override
    public void close() {
        try (playwright) {
            browser.close();
        }
    }
}
