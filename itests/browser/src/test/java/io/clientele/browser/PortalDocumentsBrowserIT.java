package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal module's own screens in a browser: the agency's logo in the header before login, Home's balance due and
 * latest note, a document uploaded while its progress bar is watched (and a renamed executable refused next to the file
 * field), and My details saved into the customer's history; axe-core finds no serious or critical violation on them.
 * Runs the built distribution with bin/start; skipped, saying so, without Debian's chromium and chromium-driver.
 */
class PortalDocumentsBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/portal/[a-z0-9-]+/activate\\?\\S*?)(\\s|$)");
    private static final Path SHOTS = Path.of(System.getProperty("project.build.directory", "target"), "screenshots");

    private static GreenMail smtp;
    private static Platform platform;

    private WebDriver driver;
    private String testName;

    @BeforeAll
    static void startPlatform() throws Exception {
        int smtpPort = Platform.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        platform = Platform.start(smtpPort);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void openBrowser(TestInfo info) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the browser tests need Debian's chromium and chromium-driver; /usr/bin/chromium or /usr/bin/chromedriver is missing");
        testName = info.getTestMethod().orElseThrow().getName();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    private void screenshot(String what) {
        if (driver == null) {
            return;
        }
        try {
            Files.createDirectories(SHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SHOTS.resolve(testName + "-" + what + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("no screenshot: " + e);
        }
    }

    private WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private void type(By by, String text) {
        WebElement input = await(by);
        input.clear();
        input.sendKeys(text);
    }

    /** The live region's text (visually hidden, so read from the DOM). */
    private void awaitStatus(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> String.valueOf(script(
                "return document.getElementById('status').textContent")).contains(text));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    private void assertAccessible(String page) {
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

    private static String awaitActivationLink(String recipient) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                try {
                    if (m.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)) {
                        Object content = m.getContent();
                        if (content instanceof Multipart multipart) {
                            BodyPart first = multipart.getBodyPart(0);
                            content = first.getContent();
                        }
                        Matcher link = LINK.matcher(String.valueOf(content));
                        assertTrue(link.find(), "an activation link in: " + content);
                        return link.group(1);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no invitation to " + recipient + " in 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** PUTs a file as multipart part "file" (the logo). */
    private static int putFile(String path, String token, String fileName, String type, byte[] content) throws Exception {
        String boundary = "----BrowserItBoundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.origin() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static byte[] pngLogo() throws Exception {
        BufferedImage image = new BufferedImage(96, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1f, 0x4e, 0x8c));
        g.fillRect(0, 0, 96, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void logoHomeDocumentUploadWithProgressAndMyDetails(TestInfo info) throws Exception {
        openBrowser(info);
        try {
            String admin = platform.agency("docs-browser", "en", "portal", "monthly-fee");
            String customerId = platform.ok(platform.call("POST", "/api/v1/customers", admin, Map.of("name", "Bakery", "companyName",
                    "Bakery Ltd", "portalAccess", true)), 201).json().path("id").asText();
            String contactId = platform.ok(platform.call("POST", "/api/v1/customers/" + customerId + "/contacts", admin,
                    Map.of("name", "Paula", "email", "paula@bakery.test")), 201).json().path("id").asText();
            platform.call("POST", "/api/v1/contacts/" + contactId + "/portal-invite", admin, null);
            assertEquals(200, putFile("/api/v1/portal/settings/logo", admin, "logo.png", "image/png", pngLogo()));

            // an issued invoice of 250.00 BRL and a service note
            String feeId = platform.ok(platform.call("POST", "/api/v1/monthly-fees", admin, Map.of("customerId", customerId, "description",
                    "Retainer", "amount", "250.00", "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-01-31", "paymentDay", 10)),
                    201).json().path("id").asText();
            List<String> entryIds = new ArrayList<>();
            for (JsonNode e : platform.ok(platform.call("GET", "/api/v1/monthly-fees/" + feeId + "/entries", admin, null), 200).json()
                    .path("items")) {
                platform.ok(platform.call("PATCH", "/api/v1/fee-entries/" + e.path("id").asText(), admin, "{\"approvedByCustomer\":true}"), 200);
                entryIds.add(e.path("id").asText());
            }
            platform.ok(platform.call("POST", "/api/v1/pre-billing/invoices", admin, Map.of("entryIds", entryIds)), 201);
            platform.ok(platform.call("POST", "/api/v1/customers/" + customerId + "/service-notes", admin,
                    Map.of("body", "Posters are at the printer.")), 201);

            // the activation page already shows the agency's logo and name
            driver.get(awaitActivationLink("paula@bakery.test"));
            awaitText(By.tagName("h1"), "Activate your access");
            WebElement logo = await(By.id("agency-logo"));
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> ((Number) script("return arguments[0].naturalWidth", logo)).intValue() == 96);
            assertEquals("Agency docs-browser", driver.findElement(By.cssSelector(".brand .agency")).getText());
            type(By.id("password"), "paula's own long passphrase");
            type(By.id("confirm"), "paula's own long passphrase");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();

            // Home: the balance due by locale, the open invoice, the latest note
            awaitText(By.tagName("h1"), "Hello, Paula");
            awaitText(By.id("balance-due"), "250.00");
            assertTrue(driver.findElement(By.id("balance-due")).getText().contains("R$"), driver.findElement(By.id("balance-due")).getText());
            awaitText(By.id("open-invoices"), "Invoice 1");
            awaitText(By.id("latest-notes"), "Posters are at the printer.");
            screenshot("home");
            assertAccessible("home");

            // Documents: upload a 2 MB PDF while the progress bar is watched
            driver.findElement(By.linkText("Documents")).click();
            awaitText(By.tagName("h1"), "Documents");
            await(By.id("documents-empty"));
            assertAccessible("documents");
            Path pdf = Files.createTempFile("brief-", ".pdf");
            byte[] bytes = new byte[2 * 1024 * 1024];
            new Random(7).nextBytes(bytes);
            System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
            Files.write(pdf, bytes);
            script("window.__progress = []; const p = document.getElementById('upload-progress');"
                    + "new MutationObserver(() => window.__progress.push(Number(p.value))).observe(p, {attributes: true});");
            driver.findElement(By.id("file")).sendKeys(pdf.toString());
            driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            awaitText(By.id("documents"), pdf.getFileName().toString());
            @SuppressWarnings("unchecked")
            List<Number> seen = (List<Number>) script("return window.__progress");
            assertFalse(seen.isEmpty(), "the progress bar moved");
            assertEquals(100, seen.get(seen.size() - 1).intValue(), "progress " + seen);
            awaitStatus("was sent");
            screenshot("uploaded");

            // a renamed executable: refused by content, said next to the file field
            Path exe = Files.createTempFile("invoice-", ".pdf");
            Files.write(exe, new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0});
            driver.findElement(By.id("file")).sendKeys(exe.toString());
            driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            awaitText(By.id("file-error"), "not accepted");
            assertEquals("true", driver.findElement(By.id("file")).getAttribute("aria-invalid"));
            assertAccessible("documents with an error");

            // staff see who uploaded it
            JsonNode staff = platform.ok(platform.call("GET", "/api/v1/customers/" + customerId + "/portal-documents", admin, null), 200).json();
            assertEquals(contactId, staff.path("items").get(0).path("uploaderId").asText());

            // My details: the phone saved, in the customer's history with the contact as the actor
            driver.findElement(By.linkText("My details")).click();
            awaitText(By.tagName("h1"), "My details");
            assertAccessible("my details");
            type(By.id("details-phone"), "+55 11 5555-0101");
            driver.findElement(By.cssSelector("#details-form button[type=submit]")).click();
            awaitStatus("Your details were saved.");
            JsonNode latest = platform.ok(platform.call("GET", "/api/v1/customers/" + customerId + "/history", admin, null), 200).json()
                    .path("items").get(0);
            assertEquals(contactId, latest.path("actorId").asText());
            assertTrue(latest.path("changes").toString().contains("+55 11 5555-0101"), latest.toString());
            // the name is required: the API's problem shows next to the field
            type(By.id("details-name"), " ");
            driver.findElement(By.cssSelector("#details-form button[type=submit]")).click();
            await(By.id("details-name-error"));
            assertEquals("true", driver.findElement(By.id("details-name")).getAttribute("aria-invalid"));
            screenshot("last-step");
        } catch (Throwable failure) {
            screenshot("failure");
            throw failure;
        }
    }
}
