package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** What every browser test class needs: Debian's headless chromium, screenshots, and the axe-core check. */
final class BrowserKit {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of(System.getProperty("project.build.directory", "target"), "screenshots");

    private BrowserKit() {
    }

    /** A headless chromium in English; the test is skipped, saying why, where chromium or its driver is missing. */
    static WebDriver open() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver); "
                        + "/usr/bin/chromium or /usr/bin/chromedriver is missing");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US");
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /** Saves the page as {@code target/screenshots/<test>-<what>.png}; a failure to do so is only printed. */
    static void screenshot(WebDriver driver, String test, String what) {
        if (driver == null) {
            return;
        }
        try {
            Files.createDirectories(SHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SHOTS.resolve(test + "-" + what + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("no screenshot: " + e);
        }
    }

    /**
     * axe-core's WCAG 2 A and AA rules on the current page: no serious or critical violation. (The other impacts are
     * printed, not failed.)
     */
    static void assertAccessible(WebDriver driver, String page) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> serious = new ArrayList<>();
        for (com.deque.html.axecore.results.Rule rule : results.getViolations()) {
            String line = rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
                    .map(n -> String.valueOf(n.getTarget())).toList();
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                serious.add(line);
            } else {
                System.out.println("axe on " + page + ": " + line);
            }
        }
        assertTrue(serious.isEmpty(), "axe-core on " + page + ": " + serious);
    }
}
