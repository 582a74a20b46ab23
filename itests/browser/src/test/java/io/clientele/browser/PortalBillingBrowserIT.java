package io.clientele.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The portal's Invoices and Estimates screens in a real browser: a contact opens its invoices (balance due, the invoice,
 * its PDF link answering a PDF), then its estimates, and accepts one with a comment after confirming; axe-core finds no
 * serious or critical violation on any of these pages.
 */
class PortalBillingBrowserIT extends BrowserTestSupport {




    private static String id(Platform.Answer created) {
        return platform.ok(created, 201).json().path("id").asText();
    }

    @Test
    void aContactReadsItsInvoicesAndAcceptsAnEstimate(TestInfo info) throws Exception {
        String test = info.getTestMethod().orElseThrow().getName();
        driver = BrowserKit.open();
        try {
            String admin = platform.agency("billing-web", "en", "portal", "monthly-fee");
            String customerId = id(platform.call("POST", "/api/v1/customers", admin, Map.of("name", "Bakery", "companyName", "Bakery Ltd",
                    "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP",
                            "country", "BR"))));
            String contactId = id(platform.call("POST", "/api/v1/customers/" + customerId + "/contacts", admin,
                    Map.of("name", "Paula", "email", "paula@bakery.test", "primary", true)));
            platform.ok(platform.call("POST", "/api/v1/contacts/" + contactId + "/portal-invite", admin, null), 202);

            // an issued invoice and a sent estimate
            String feeId = id(platform.call("POST", "/api/v1/monthly-fees", admin, Map.of("customerId", customerId,
                    "description", "Social media retainer", "amount", "1250.00", "currency", "BRL", "startDate", "2026-11-01",
                    "endDate", "2026-11-30", "paymentDay", 10)));
            String entryId = platform.ok(platform.call("GET", "/api/v1/monthly-fees/" + feeId + "/entries", admin, null), 200)
                    .json().path("items").get(0).path("id").asText();
            platform.ok(platform.call("PATCH", "/api/v1/fee-entries/" + entryId, admin, Map.of("approvedByCustomer", true)), 200);
            JsonNode invoice = platform.ok(platform.call("POST", "/api/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entryId))), 201)
                    .json().path("items").get(0);
            String estimateId = id(platform.call("POST", "/api/v1/estimates", admin, Map.of("customerId", customerId, "title", "New website",
                    "lines", List.of(Map.of("description", "Design", "quantity", 2, "unitPrice", "1500.00")))));
            platform.ok(platform.call("POST", "/api/v1/estimates/" + estimateId + "/send", admin, null), 200);

            // the contact activates its access and lands on Home
            activateInBrowser(awaitLink("paula@bakery.test", 1), "paula's own long passphrase", "Paula");

            // Invoices: the list with the balance due, then the invoice with its PDF link
            await(By.cssSelector("nav a[data-route='invoices']")).click();
            awaitText(By.tagName("h1"), "Invoices");
            awaitText(By.id("balance-due"), "Balance due: R$1,250.00");
            awaitText(By.cssSelector("main .list"), "Invoice No. " + invoice.path("number").asInt());
            awaitText(By.cssSelector("main .list .badge"), "Open");
            BrowserKit.assertAccessible(driver, "invoices");
            driver.findElement(By.cssSelector("main .list a")).click();
            awaitText(By.tagName("h1"), "Invoice No. " + invoice.path("number").asInt());
            awaitText(By.cssSelector("main dl.facts"), "R$1,250.00");
            WebElement pdf = await(By.cssSelector("main a.pdf"));
            assertEquals("Download PDF", pdf.getText());
            String href = pdf.getAttribute("href");
            assertTrue(href.endsWith("/api/v1/portal/invoices/" + invoice.path("id").asText() + "/pdf"), href);
            assertTrue(pdf.getAttribute("download") != null, "offered as a download");
            // the link answers the PDF with the page's own session (read by a script, nothing saved)
            Object answered = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done(r.status + ' '"
                    + " + r.headers.get('Content-Type') + ' ' + new TextDecoder().decode(new Uint8Array(b).slice(0, 5)))))"
                    + ".catch(e => done(String(e)));", href);
            assertEquals("200 application/pdf %PDF-", answered);
            BrowserKit.assertAccessible(driver, "invoice");

            // Estimates: the sent one, accepted with a comment after the confirmation
            driver.findElement(By.cssSelector("nav a[data-route='estimates']")).click();
            awaitText(By.tagName("h1"), "Estimates");
            awaitText(By.cssSelector("main .list"), "New website");
            awaitText(By.cssSelector("main .list .badge"), "Awaiting your answer");
            BrowserKit.assertAccessible(driver, "estimates");
            driver.findElement(By.cssSelector("main .list a")).click();
            awaitText(By.tagName("h1"), "New website");
            assertTrue(await(By.cssSelector("main a.pdf")).getAttribute("href").endsWith("/api/v1/portal/estimates/" + estimateId + "/pdf"));
            await(By.id("decision-comment")).sendKeys("Go ahead on Monday");
            BrowserKit.assertAccessible(driver, "estimate");
            driver.findElement(By.id("accept")).click();
            awaitText(By.id("confirm-question"), "Accept \"New website\" for R$3,000.00?");
            assertEquals("confirm-yes", driver.switchTo().activeElement().getAttribute("id"), "the confirmation has the focus");
            BrowserKit.assertAccessible(driver, "estimate confirmation");
            driver.findElement(By.id("confirm-yes")).click();
            awaitText(By.id("decided"), "Accepted by Paula on");
            awaitText(By.cssSelector("main .comment"), "Go ahead on Monday");
            awaitText(By.id("status"), "Estimate accepted.");
            assertTrue(driver.findElements(By.id("accept")).isEmpty(), "nothing left to decide");
            BrowserKit.assertAccessible(driver, "estimate accepted");

            // the agency sees who decided, and the comment
            JsonNode staff = platform.ok(platform.call("GET", "/api/v1/estimates/" + estimateId, admin, null), 200).json();
            assertEquals("ACCEPTED", staff.path("status").asText());
            assertEquals(contactId, staff.path("decidedByContactId").asText());
            assertEquals("Go ahead on Monday", staff.path("decisionComment").asText());
            BrowserKit.screenshot(driver, test, "last-step");
        } catch (Throwable failure) {
            BrowserKit.screenshot(driver, test, "failure");
            throw failure;
        }
    }
}
