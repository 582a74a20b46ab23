package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.stripe.FakeStripeServer;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.karaf.features.FeaturesService;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Cards through Stripe's hosted Checkout page, end to end: the real distribution, the Stripe gateway against the local
 * fake Stripe (its Checkout Sessions, completed without a browser as its hosted page would, and its signed webhooks to
 * {@code /api/v1/payments/webhooks/stripe}). A card payment answers a REDIRECT to the session's page; a declined card
 * there leaves the payment waiting with the reason; a good card pays the invoice once, by the contact, though both
 * {@code checkout.session.completed} and {@code payment_intent.succeeded} arrive, and again when redelivered; a card
 * paid with {@code saveCard} is stored with autopay on; saving a card on the page turns autopay on; an abandoned page that expires
 * cancels the payment (not PENDING forever) and the invoice can be paid again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalCardCheckoutIT extends ClienteleTestSupport {

    private static final String AGENCY = "card-checkout";
    private static final Pattern ACTIVATE = Pattern.compile("/portal/" + AGENCY + "/activate\\?token=([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(withTestSmtp(Integer.toString(freePort()),
                mavenBundle("io.clientele", "io.clientele.testing.stripe", System.getProperty("clientele.version"))))
                .toArray(new Option[0]);
    }

    private static String id(Answer a) {
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String activeContact(String admin, String customerId, String name, String email) {
        String contactId = id(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email, "primary", true)));
        assertEquals(200, post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(contactId))).status());
        Matcher m = ACTIVATE.matcher(mailbox.awaitMail(email, 1));
        assertTrue("an activation link", m.find());
        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", m.group(1), "password", name + "'s long portal passphrase"));
        assertEquals(activated.body(), 200, activated.status());
        return activated.json().path("accessToken").asText();
    }

    private String invoice(String admin, String customerId, String amount, String month) {
        String feeId = id(post("/v1/monthly-fees", admin, Map.of("customerId", customerId, "description", "Retainer " + month,
                "amount", amount, "currency", "BRL", "startDate", month + "-01", "endDate", month + "-28", "paymentDay", 10)));
        String entryId = get("/v1/monthly-fees/" + feeId + "/entries", admin).json().path("items").get(0).path("id").asText();
        assertEquals(200, call("PATCH", "/v1/fee-entries/" + entryId, bearer(admin), "application/json", "{\"approvedByCustomer\":true}").status());
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entryId)));
        assertEquals(issued.body(), 201, issued.status());
        return issued.json().path("items").get(0).path("id").asText();
    }

    /** Installs the gateway's feature with the features service as it is now (a late boot refresh may have replaced it). */
    private void installStripeFeature() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                service(FeaturesService.class).installFeature("clientele-payment-stripe", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                return;
            } catch (java.util.concurrent.RejectedExecutionException stale) {
                if (attempt == 5) {
                    throw stale;
                }
                Thread.sleep(2000);
            }
        }
    }

    private Answer payByCard(String token, String invoiceId, boolean saveCard, String key) {
        return call("POST", "/v1/portal/invoices/" + invoiceId + "/pay", bearer(token), "application/json",
                toJson(Map.of("method", "CARD", "saveCard", saveCard)), "Idempotency-Key", key);
    }

    private JsonNode payment(String token, String paymentId) {
        return get("/v1/portal/payments/" + paymentId, token).json();
    }

    @Test
    public void cardsArePaidAndSavedOnStripesCheckoutPage() throws Exception {
        try (FakeStripeServer stripe = new FakeStripeServer()) {
            stripe.webhookUrl = baseUrl() + "/v1/payments/webhooks/stripe";
            FakeStripeSetup.connect(service(ConfigurationAdmin.class), stripe);
            installStripeFeature();
            await("the Stripe gateway", 60, () -> FakeStripeSetup.registered(bundleContext));

            String admin = createAgency(AGENCY, "portal", "monthly-fee");
            assertEquals(200, call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(Map.of("enabledTabs",
                    List.of("Home", "Payments", "Invoices"), "portalLoginsEnabled", true))).status());
            Map<String, Object> customer = new LinkedHashMap<>(Map.of("name", "Estúdio Lua", "companyName", "Estúdio Lua Ltda", "address", Map.of(
                    "postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP", "country", "BR")));
            String customerId = id(post("/v1/customers", admin, customer));
            String token = activeContact(admin, customerId, "Lia", "lia@lua.test");

            // a card: a REDIRECT to the session's hosted page, asked twice with one key = one payment, one session
            String first = invoice(admin, customerId, "480.00", "2026-09");
            Answer pay = payByCard(token, first, false, "card-first");
            assertEquals(pay.body(), 201, pay.status());
            String paymentId = pay.json().path("id").asText();
            assertEquals("REQUIRES_ACTION", pay.json().path("state").asText());
            assertEquals("REDIRECT", pay.json().path("nextAction").path("kind").asText());
            JsonNode session = stripe.sessionFor(paymentId);
            String sessionId = session.path("id").asText();
            assertEquals(session.path("url").asText(), pay.json().path("nextAction").path("url").asText());
            assertTrue(session.path("success_url").asText(), session.path("success_url").asText()
                    .endsWith("/portal/" + AGENCY + "/payments?payment=" + paymentId));
            assertEquals("480.00 in cents", 48000, session.path("amount_total").asLong());
            assertEquals(paymentId, payByCard(token, first, false, "card-first").json().path("id").asText());
            assertEquals(sessionId, stripe.sessionFor(paymentId).path("id").asText());
            assertEquals("the page's URL is kept while the payer is away", session.path("url").asText(),
                    payment(token, paymentId).path("nextAction").path("url").asText());

            // declined on the page: still waiting for the payer, with the reason; the page stays open
            assertEquals("open", stripe.payCheckout(sessionId, FakeStripeServer.DECLINED).path("status").asText());
            await("the decline reported", 30, () -> "card_declined".equals(payment(token, paymentId).path("failureCode").asText()));
            JsonNode declined = payment(token, paymentId);
            assertEquals(declined.toString(), "REQUIRES_ACTION", declined.path("state").asText());
            assertEquals("Your card was declined.", declined.path("failureMessage").asText());
            assertEquals("REDIRECT", declined.path("nextAction").path("kind").asText());

            // another card: paid once by the contact, though the session's and the intent's successes both arrive
            assertEquals("complete", stripe.payCheckout(sessionId, FakeStripeServer.VISA).path("status").asText());
            await("the invoice paid", 30, () -> "PAID".equals(get("/v1/invoices/" + first, admin).json().path("status").asText()));
            String intentId = stripe.object(sessionId).path("payment_intent").asText();
            JsonNode completed = stripe.lastEvent(sessionId, "checkout.session.completed");
            JsonNode succeeded = stripe.lastEvent(intentId, "payment_intent.succeeded");
            stripe.awaitDeliveries();
            for (JsonNode event : List.of(completed, succeeded)) {
                assertTrue("delivered: " + stripe.deliveries, stripe.deliveries.contains(Map.entry(event.path("id").asText(), 200)));
                assertEquals("redelivered", 200, stripe.deliver(event));
            }
            JsonNode paidInvoice = get("/v1/invoices/" + first, admin).json();
            assertEquals(paidInvoice.toString(), 1, paidInvoice.path("payments").size());
            assertEquals(paidInvoice.toString(), "CARD", paidInvoice.path("payments").get(0).path("method").asText());
            assertTrue(paidInvoice.toString(), paidInvoice.path("payments").get(0).path("paidBy").asText().contains("Lia"));
            JsonNode paid = payment(token, paymentId);
            assertEquals("SUCCEEDED", paid.path("state").asText());
            assertEquals("480.00", paid.path("amountReceived").asText());
            assertEquals("Lia", paid.path("paidBy").path("name").asText());
            assertTrue(paid.path("failureCode").isNull());
            JsonNode staff = get("/v1/payments/" + paymentId, admin).json();
            assertEquals("480.00", staff.path("invoices").get(0).path("recorded").asText());

            // an abandoned page that expires: the payment is cancelled, not pending forever; the invoice is paid anew
            String second = invoice(admin, customerId, "120.00", "2026-10");
            String abandoned = id(payByCard(token, second, false, "card-second"));
            stripe.expireCheckout(stripe.sessionFor(abandoned).path("id").asText());
            await("the abandoned payment cancelled", 30, () -> "CANCELED".equals(payment(token, abandoned).path("state").asText()));
            assertEquals("checkout_session_expired", payment(token, abandoned).path("failureCode").asText());
            assertEquals("OPEN", get("/v1/invoices/" + second, admin).json().path("status").asText());

            // paid anew with saveCard: the card is stored and autopay is on with it
            Answer again = payByCard(token, second, true, "card-second-again");
            String againId = id(again);
            assertNotEquals(abandoned, againId);
            assertEquals(List.of("off_session"), stripe.params.stream().filter(p -> p.containsKey("payment_intent_data[setup_future_usage]"))
                    .map(p -> p.get("payment_intent_data[setup_future_usage]").get(0)).distinct().toList());
            stripe.payCheckout(stripe.sessionFor(againId).path("id").asText(), FakeStripeServer.MASTERCARD);
            await("the second invoice paid", 30, () -> "PAID".equals(get("/v1/invoices/" + second, admin).json().path("status").asText()));
            await("the card stored", 30, () -> "4444".equals(get("/v1/portal/autopay", token).json().path("card").path("last4").asText()));
            assertTrue(get("/v1/portal/autopay", token).json().path("enabled").asBoolean());
            // switched off (the card forgotten), it is switched on again by saving a card on the page
            assertEquals(200, call("PUT", "/v1/portal/autopay", bearer(token), "application/json", "{\"enabled\":false}").status());

            // saving a card on the page (it asks for authentication first): autopay on with that card
            Answer setup = post("/v1/portal/payment-methods", token, Map.of());
            assertEquals(setup.body(), 200, setup.status());
            assertEquals("REDIRECT", setup.json().path("nextAction").path("kind").asText());
            JsonNode setupSession = stripe.sessionFor(setup.json().path("setupId").asText());
            assertEquals("setup", setupSession.path("mode").asText());
            assertTrue(setupSession.path("success_url").asText().endsWith("/portal/" + AGENCY + "/payments?setup=" + setup.json().path("setupId").asText()));
            stripe.payCheckout(setupSession.path("id").asText(), FakeStripeServer.AUTHENTICATION_ON_SETUP);
            assertEquals("complete", stripe.authenticateCheckout(setupSession.path("id").asText()).path("status").asText());
            await("autopay on with the saved card", 30, () -> get("/v1/portal/autopay", token).json().path("enabled").asBoolean());
            assertEquals("3155", get("/v1/portal/autopay", token).json().path("card").path("last4").asText());
            stripe.awaitDeliveries();
            assertTrue("every webhook answered 200: " + stripe.deliveries, stripe.deliveries.stream().allMatch(d -> d.getValue() == 200));
            assertEquals(List.of(), stripe.problems);
        }
    }
}
