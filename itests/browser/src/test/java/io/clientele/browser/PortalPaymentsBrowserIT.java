package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.stripe.FakeStripeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's Payments screen in a real browser, against the Stripe gateway and the fake Stripe run in this JVM (its API,
 * its signed webhooks to the platform, and its hosted Checkout page): the distribution is started with the gateway's
 * environment variables and the gateway's feature installed from the console. A contact pays an invoice by card on the
 * fake's hosted page — a declined card first, whose reason the page shows, then a good one — and comes back to see it
 * paid; pays another by Pix, sees the copy-and-paste code, and sees it paid when the fake's Pix is paid; leaves the
 * card-saving page with Cancel and is told nothing was saved; saves a card and sees autopay on with it. axe-core finds
 * no serious or critical violation on the Payments page.
 */
class PortalPaymentsBrowserIT extends BrowserTestSupport {

    private static final String SLUG = "pay-web";

    static FakeStripeServer stripe;

    /** Hides {@link BrowserTestSupport#startPlatform()}: the platform starts with the gateway's variables. */
    @BeforeAll
    static void startPlatform() throws Exception {
        stripe = new FakeStripeServer();
        startPlatformWith(Map.of("CLIENTELE_STRIPE_API_BASE_URL", stripe.baseUrl(),
                "CLIENTELE_STRIPE_SECRET_KEY", stripe.secretKey, "CLIENTELE_STRIPE_WEBHOOK_SECRET", stripe.webhookSecret));
        stripe.webhookUrl = platform.origin() + "/api/v1/payments/webhooks/stripe";
        platform.console("feature:install clientele-payment-stripe");
        // the webhook endpoint answers 503 until the gateway is there; then an unsigned body is refused (400)
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (platform.call("POST", "/api/v1/payments/webhooks/stripe", null, "{}").status() != 400) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the Stripe gateway did not come up");
            }
            Thread.sleep(500);
        }
    }

    /** The fake Stripe stops too (JUnit runs this before {@link BrowserTestSupport#stopPlatform()}). */
    @AfterAll
    static void stopStripe() {
        if (stripe != null) {
            stripe.close();
        }
    }

    private static String id(Platform.Answer created) {
        return platform.ok(created, 201).json().path("id").asText();
    }

    /** An OPEN invoice of {@code amount} BRL: a one-month fee, its entry approved and issued. */
    private static JsonNode invoice(String admin, String customerId, String amount, String month) {
        String feeId = id(platform.call("POST", "/api/v1/monthly-fees", admin, Map.of("customerId", customerId,
                "description", "Retainer " + month, "amount", amount, "currency", "BRL", "startDate", month + "-01",
                "endDate", month + "-28", "paymentDay", 10)));
        String entryId = platform.ok(platform.call("GET", "/api/v1/monthly-fees/" + feeId + "/entries", admin, null), 200)
                .json().path("items").get(0).path("id").asText();
        platform.ok(platform.call("PATCH", "/api/v1/fee-entries/" + entryId, admin, Map.of("approvedByCustomer", true)), 200);
        return platform.ok(platform.call("POST", "/api/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entryId))), 201)
                .json().path("items").get(0);
    }

    private static String invoiceStatus(String admin, String invoiceId) {
        return platform.ok(platform.call("GET", "/api/v1/invoices/" + invoiceId, admin, null), 200).json().path("status").asText();
    }

    /** The customer's latest payment by {@code method}, as staff see it. */
    private static JsonNode paymentOf(String admin, String customerId, String method) {
        for (JsonNode p : platform.ok(platform.call("GET", "/api/v1/payments?customerId=" + customerId, admin, null), 200).json().path("items")) {
            if (method.equals(p.path("method").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + method + " payment of " + customerId);
    }

    /** Chooses the invoice and the method on the Payments screen, and presses Pay. */
    private void pay(String invoiceId, String method) {
        WebElement box = await(By.id("inv-" + invoiceId));
        if (!box.isSelected()) {
            box.click();
        }
        await(By.id("method-" + method)).click();
        driver.findElement(By.id("pay")).click();
    }

    @Test
    void aContactPaysByCardOnTheHostedPageByPixAndSavesACard(TestInfo info) throws Exception {
        String test = info.getTestMethod().orElseThrow().getName();
        driver = BrowserKit.open();
        try {
            String admin = platform.agency(SLUG, "en", "portal", "monthly-fee");
            platform.ok(platform.call("PUT", "/api/v1/portal/settings", admin, Map.of("enabledTabs", List.of("Home", "Payments", "Invoices"),
                    "portalLoginsEnabled", true)), 200);
            String customerId = id(platform.call("POST", "/api/v1/customers", admin, Map.of("name", "Bakery", "companyName", "Bakery Ltd",
                    "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP",
                            "country", "BR"))));
            String contactId = id(platform.call("POST", "/api/v1/customers/" + customerId + "/contacts", admin,
                    Map.of("name", "Paula", "email", "paula@bakery.test", "primary", true)));
            platform.ok(platform.call("POST", "/api/v1/contacts/" + contactId + "/portal-invite", admin, null), 202);
            JsonNode byCard = invoice(admin, customerId, "480.00", "2026-09");
            JsonNode byPix = invoice(admin, customerId, "99.90", "2026-10");
            String cardInvoice = byCard.path("id").asText();
            String pixInvoice = byPix.path("id").asText();

            activateInBrowser(awaitLink("paula@bakery.test", 1), "paula's own long passphrase", "Paula");

            // the Payments screen: both open invoices, the methods the gateway offers for BRL
            await(By.cssSelector("nav a[data-route='payments']")).click();
            awaitText(By.tagName("h1"), "Payments");
            awaitText(By.id("payable"), "Invoice " + byCard.path("number").asInt());
            awaitText(By.id("payable"), "R$480.00");
            assertTrue(driver.findElements(By.cssSelector("#payable input[name=method]")).isEmpty(), "no method before an invoice is chosen");
            await(By.id("inv-" + cardInvoice)).click();
            awaitText(By.id("selected-total"), "Total to pay: R$480.00");
            await(By.id("method-CARD"));
            assertTrue(driver.findElement(By.id("method-PIX")).isDisplayed() && driver.findElement(By.id("method-BOLETO")).isDisplayed());
            BrowserKit.assertAccessible(driver, "payments");

            // by card: to the gateway's hosted page, where a declined card shows Stripe's reason and another card pays
            pay(cardInvoice, "CARD");
            awaitText(By.tagName("h1"), "Pay BRL 480.00");
            assertTrue(driver.getCurrentUrl().startsWith(stripe.baseUrl() + "/checkout/cs_"), driver.getCurrentUrl());
            awaitText(By.id("description"), "Invoice " + byCard.path("number").asInt());
            driver.findElement(By.id(FakeStripeServer.DECLINED)).click();
            driver.findElement(By.id("submit")).click();
            awaitText(By.id("error"), "Your card was declined.");
            // Cancel there: back in the portal, told it is unpaid, with the decline's reason and the way back to the page
            String cardPayment = paymentOf(admin, customerId, "CARD").path("id").asText();
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!"card_declined".equals(paymentOf(admin, customerId, "CARD").path("failureCode").asText()) && System.nanoTime() < until) {
                Thread.sleep(200); // the gateway's notification of the decline
            }
            driver.findElement(By.id("cancel")).click();
            awaitText(By.id("payment-status"), "You left the payment page without paying.");
            assertTrue(driver.getCurrentUrl().endsWith("/payments?payment=" + cardPayment + "&canceled=true"), driver.getCurrentUrl());
            awaitText(By.id("payment-failure"), "Your card was declined.");
            BrowserKit.assertAccessible(driver, "payments after leaving the payment page");
            await(By.id("continue-payment")).click();
            awaitText(By.tagName("h1"), "Pay BRL 480.00");
            driver.findElement(By.id(FakeStripeServer.VISA)).click();
            driver.findElement(By.id("submit")).click();
            // back in the portal: the payment followed until the gateway's notification has it paid
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(platform.origin() + "/portal/" + SLUG
                    + "/payments?payment="));
            awaitText(By.id("payment-result-heading"), "Paid. Thank you!");
            awaitText(By.id("payment-status"), "Paid. Thank you!");
            assertEquals("Paid. Thank you!", driver.findElement(By.id("payment-status")).getText());
            assertEquals("PAID", invoiceStatus(admin, cardInvoice));
            awaitText(By.id("payments-history"), "R$480.00");
            BrowserKit.assertAccessible(driver, "payments after the card payment");

            // by Pix, Stripe down at the first click: the screen says so; the second click sends the same Idempotency-Key
            // and resumes that payment (one payment, not two)
            ((JavascriptExecutor) driver).executeScript("window.__payKeys = []; const f = window.fetch;"
                    + "window.fetch = function (url, init) { if (String(url).endsWith('/api/v1/portal/payments') && init && init.method === 'POST')"
                    + " window.__payKeys.push(init.headers['Idempotency-Key']); return f.apply(this, arguments); };");
            stripe.outages.add(500);
            pay(pixInvoice, "PIX");
            awaitText(By.id("payment-status"), "could not be reached");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
            // the copy-and-paste code on the screen; paid at the (fake) bank, the screen shows it paid
            WebElement code = await(By.id("pix-code"));
            assertTrue(code.getAttribute("value").startsWith("000201"), code.getAttribute("value"));
            await(By.id("pix-code-copy"));
            awaitText(By.id("payment-status"), "Waiting for the payment to be confirmed");
            assertEquals(1, driver.findElements(By.cssSelector("#payment-status[aria-busy=true] .spinner")).size(), "a progress indicator");
            BrowserKit.assertAccessible(driver, "payments with a Pix code");
            JsonNode pixPayment = paymentOf(admin, customerId, "PIX");
            List<?> keys = (List<?>) ((JavascriptExecutor) driver).executeScript("return window.__payKeys;");
            assertEquals(2, keys.size(), keys.toString());
            assertEquals(keys.get(0), keys.get(1), "the same key for the same payment asked again");
            assertTrue(String.valueOf(keys.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), keys.toString());
            assertEquals(1, platform.ok(platform.call("GET", "/api/v1/payments?customerId=" + customerId, admin, null), 200).json()
                    .path("items").findValuesAsText("method").stream().filter("PIX"::equals).count(), "one Pix payment");
            String intent = null;
            for (JsonNode e : stripe.events) {
                JsonNode o = e.path("data").path("object");
                if ("payment_intent.created".equals(e.path("type").asText())
                        && pixPayment.path("id").asText().equals(o.path("metadata").path("clientele_reference").asText())) {
                    intent = o.path("id").asText();
                }
            }
            stripe.pay(intent);
            awaitText(By.id("payment-result-heading"), "Paid. Thank you!");
            assertEquals("PAID", invoiceStatus(admin, pixInvoice));
            awaitText(By.id("payable"), "Nothing to pay");

            // saving a card: the switch takes the contact to the gateway's page; Cancel comes back with nothing saved
            WebElement autopay = await(By.id("autopay-switch"));
            assertTrue(!autopay.isSelected(), "autopay off without a card");
            autopay.click();
            awaitText(By.tagName("h1"), "Save a card");
            driver.findElement(By.id("cancel")).click();
            awaitText(By.id("payment-status"), "No card was saved.");
            assertEquals("No card was saved.", driver.findElement(By.id("payment-status")).getText());
            assertTrue(!await(By.id("autopay-switch")).isSelected());
            // and again, saved with a card: back in the portal, the card and autopay on
            driver.findElement(By.id("autopay-switch")).click();
            awaitText(By.tagName("h1"), "Save a card");
            driver.findElement(By.id(FakeStripeServer.VISA)).click();
            driver.findElement(By.id("submit")).click();
            awaitText(By.id("payment-status"), "Card saved (visa ending in 4242). Autopay is on.");
            assertEquals("Card saved (visa ending in 4242). Autopay is on.", driver.findElement(By.id("payment-status")).getText());
            awaitText(By.id("saved-card"), "ending in 4242");
            assertTrue(driver.findElement(By.id("autopay-switch")).isSelected(), "autopay on");
            JsonNode staff = platform.ok(platform.call("GET", "/api/v1/portal/users", admin, null), 200).json();
            assertTrue(staff.toString().contains("4242"), staff.toString());
            BrowserKit.assertAccessible(driver, "payments with autopay on");
            assertEquals(List.of(), stripe.problems);
            BrowserKit.screenshot(driver, test, "last-step");
        } catch (Throwable failure) {
            BrowserKit.screenshot(driver, test, "failure");
            throw failure;
        }
    }
}
