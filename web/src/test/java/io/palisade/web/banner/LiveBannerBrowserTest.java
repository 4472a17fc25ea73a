package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.live.LiveTokens;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.detection.api.RiskLevel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A real browser (headless Chromium through Selenium) opens a live page and sees it change, without a reload, when
 * the verdict changes; then presses "Report this message". Skipped, with a message saying what to install, on a
 * machine without Chromium and its driver (Debian packages {@code chromium chromium-driver}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordingFeedback.Config.class)
class LiveBannerBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> BROWSERS =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveTokens tokens;

    @Autowired
    LiveEventHub hub;

    @Autowired
    RecordingFeedback feedback;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void startChromium() throws Exception {
        Optional<String> binary = firstExisting("CHROME_BIN", BROWSERS);
        Optional<String> driver = firstExisting("CHROMEDRIVER", DRIVERS);
        Assumptions.assumeTrue(
                binary.isPresent() && driver.isPresent(),
                "skipped: no Chromium or chromedriver found (looked at $CHROME_BIN, " + BROWSERS + ", $CHROMEDRIVER, "
                        + DRIVERS + "); on Debian: apt-get install -y chromium chromium-driver");
        profile = Files.createTempDirectory("palisade-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary.get())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile);
        // The driver is given explicitly, so Selenium never looks for (or downloads) one itself.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.get()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anOpenPageShowsTheNewLevelWithoutAReloadAndReportsTheMessage() {
        LiveFixtures fixtures = new LiveFixtures(context);
        Tenant tenant = fixtures.tenant("Fabrikam " + UUID.randomUUID());
        Mailbox mailbox = fixtures.mailbox(tenant, "alice");
        MailItem item = fixtures.item(mailbox, "<" + UUID.randomUUID() + "@contoso-payroll.com>");
        fixtures.verdict(item, RiskLevel.SUSPICIOUS, LiveFixtures.FIRST_CONTACT);
        int streamsBefore = hub.openStreams();

        browser.get("http://localhost:" + port + "/b/" + tokens.issue(tenant.getId(), item.getId()));
        assertThat(browser.findElement(By.id("label")).getText()).isEqualTo("Warning");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(b -> hub.openStreams() > streamsBefore);
        Object marker =
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.stillHere = 1; return 1;");
        assertThat(marker).isNotNull();

        fixtures.verdict(item, RiskLevel.MALICIOUS, LiveFixtures.LOOKALIKE);

        wait.until(b -> "MALICIOUS".equals(b.findElement(By.id("live")).getAttribute("data-level")));
        assertThat(browser.findElement(By.id("label")).getText()).isEqualTo("Danger");
        assertThat(browser.findElement(By.id("reasons")).getText())
                .contains("The sender's domain imitates contoso.com");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.stillHere;"))
                .as("the page was not reloaded")
                .isEqualTo(1L);

        browser.findElement(By.id("report")).click();

        wait.until(b -> !b.findElement(By.id("feedback")).getText().isEmpty());
        assertThat(browser.findElement(By.id("feedback")).getText()).contains("Your report was sent");
        assertThat(feedback.calls)
                .contains(new RecordingFeedback.Call("report", tenant.getId(), item.getId(), mailbox.getAddress()));
    }

    private static Optional<String> firstExisting(String environment, List<String> candidates) {
        String configured = System.getenv(environment);
        return Stream.concat(Stream.ofNullable(configured), candidates.stream())
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst();
    }
}
