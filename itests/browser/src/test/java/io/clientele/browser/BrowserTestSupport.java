package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test class's platform: the built distribution started once per class with its mail pointed at a GreenMail
 * server of the test, the browser of each test (opened by the test, {@link BrowserKit#open()}) closed after it, and
 * the waits every page check uses.
 */
abstract class BrowserTestSupport {

    static GreenMail smtp;
    static Platform platform;

    WebDriver driver;

    @BeforeAll
    static void startPlatform() throws Exception {
        startPlatformWith(Map.of());
    }

    /**
     * Starts the test's SMTP server and the platform with more environment variables for {@code bin/start}: a class
     * that needs them hides {@link #startPlatform()} with its own static {@code @BeforeAll startPlatform()} calling this.
     */
    static void startPlatformWith(Map<String, String> moreEnv) throws Exception {
        int smtpPort = Platform.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        platform = Platform.start(smtpPort, moreEnv);
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

    /** A portal link as the platform e-mails it: activation, password reset or a piece to review. */
    static final Pattern PORTAL_LINK = Pattern.compile("(https?://\\S+/portal/[a-z0-9-]+/(activate|reset|pieces)[/?]\\S*?)(\\s|$)");

    /** Every text part of every mail to {@code recipient}, in arrival order (subject first, then the text). */
    static List<String> mailTexts(String recipient) {
        List<String> texts = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)) {
                    texts.add(m.getSubject() + "\n" + text(m));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return texts;
    }

    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return content instanceof InputStream in ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : String.valueOf(content);
    }

    /** Waits up to 40 s for the {@code n}-th mail to {@code recipient} and answers the portal link in it. */
    static String awaitLink(String recipient, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (mailTexts(recipient).size() < n) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no mail #" + n + " to " + recipient + " in 40 s");
            }
            Thread.sleep(200);
        }
        String body = mailTexts(recipient).get(n - 1);
        Matcher m = PORTAL_LINK.matcher(body);
        assertTrue(m.find(), "a portal link in: " + body);
        return m.group(1);
    }

    /** A customer with portal access; its id. */
    static String customer(String admin, String name) {
        return platform.ok(platform.call("POST", "/api/v1/customers", admin, Map.of("name", name, "companyName", name + " Ltd",
                "portalAccess", true)), 201).json().path("id").asText();
    }

    /** A contact of {@code customerId} invited to the portal by the agency's ADMIN (the invitation is e-mailed); its id. */
    static String invitedContact(String admin, String customerId, String name, String email) {
        String id = platform.ok(platform.call("POST", "/api/v1/customers/" + customerId + "/contacts", admin,
                Map.of("name", name, "email", email)), 201).json().path("id").asText();
        int status = platform.call("POST", "/api/v1/contacts/" + id + "/portal-invite", admin, null).status();
        assertTrue(status == 200 || status == 201 || status == 202, "invitation answered " + status);
        return id;
    }

    /** The token of an e-mailed activation or reset link. */
    static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    /** As {@link #invitedContact}, then activated with {@code password} through the invitation e-mail's link; its id. */
    static String activatedContact(String admin, String customerId, String name, String email, String password) throws InterruptedException {
        int before = mailTexts(email).size();
        String id = invitedContact(admin, customerId, name, email);
        platform.ok(platform.call("POST", "/api/v1/portal/auth/activate", null,
                Map.of("token", tokenOf(awaitLink(email, before + 1)), "password", password)), 200);
        return id;
    }

    /** Opens an e-mailed activation link, sets {@code password} (typed twice) and waits for Home's greeting of {@code name}. */
    void activateInBrowser(String link, String password, String name) {
        driver.get(link);
        awaitText(By.tagName("h1"), "Activate your access");
        await(By.id("password")).sendKeys(password);
        driver.findElement(By.id("confirm")).sendKeys(password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        awaitText(By.tagName("h1"), "Hello, " + name);
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }
}
