package io.clientele.browser;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
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

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }
}
