package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.stripe.FakeStripeServer;
import java.nio.charset.StandardCharsets;
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
 * The seed's portal story end to end, through the real distribution, the Stripe gateway against a local fake Stripe
 * that signs and delivers its webhooks, and a test SMTP server: the agency switches the portal's tabs on and customises
 * the invitation and the auto-charge e-mail; the contact is invited (the mail carries the custom text and the link),
 * activates, sees its balance on Home, downloads the invoice's PDF (with the agency's logo), pays it by Pix (the success webhook delivered twice
 * makes one payment, recorded with who paid), saves a card on Stripe's Checkout page and so turns autopay on, and the next invoice is charged
 * by itself with the auto-charge e-mail sent once; accepts an estimate, uploads a document, opens a service request
 * that reaches the service manager; a tab switched off is 403; another customer's contact gets 404 for each of these
 * ids; with the portal module uninstalled live the contact still logs in for iJob approvals.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalStoryIT extends ClienteleTestSupport {

    private static final String AGENCY = "portal-seed";
    private static final Pattern ACTIVATE = Pattern.compile("/portal/" + AGENCY + "/activate\\?token=([A-Za-z0-9_-]+)");
    private static final List<String> TABS = List.of("Home", "Payments", "Invoices", "History", "ServiceNotes", "RequestService",
            "Estimates", "Documents", "Jobs");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(withTestSmtp(Integer.toString(freePort()),
                mavenBundle("io.clientele", "io.clientele.testing.stripe", System.getProperty("clientele.version")),
                editConfigurationFilePut("etc/io.clientele.portal.cfg", "autoChargePollSeconds", "1")))
                .toArray(new Option[0]);
    }

    // ---- set-up helpers

    private static String id(Answer a) {
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String customer(String admin, String name, String serviceManagerId) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "companyName", name + " Ltda", "address", Map.of(
                "postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP", "country", "BR")));
        if (serviceManagerId != null) {
            body.put("serviceManagerId", serviceManagerId);
        }
        return id(post("/v1/customers", admin, body));
    }

    /** Invites the contact, waits for its mail, activates with it; answers {contact id, token, the invitation mail}. */
    private String[] invitedAndActive(String admin, String customerId, String name, String email) {
        String contactId = id(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email, "primary", true)));
        Answer invited = post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(contactId)));
        assertEquals(invited.body(), 200, invited.status());
        String mail = mailbox.awaitMail(email, 1);
        Matcher m = ACTIVATE.matcher(mail);
        assertTrue("an activation link in: " + mail, m.find());
        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", m.group(1), "password", name + "'s long portal passphrase"));
        assertEquals(activated.body(), 200, activated.status());
        return new String[] {contactId, activated.json().path("accessToken").asText(), mail};
    }

    /** One issued invoice of {@code amount} for the customer: a one-month fee, its entry approved and billed. */
    private JsonNode invoice(String admin, String customerId, String amount, String month) {
        String feeId = id(post("/v1/monthly-fees", admin, Map.of("customerId", customerId, "description", "Retainer " + month,
                "amount", amount, "currency", "BRL", "startDate", month + "-01", "endDate", month + "-28", "paymentDay", 10)));
        String entryId = get("/v1/monthly-fees/" + feeId + "/entries", admin).json().path("items").get(0).path("id").asText();
        assertEquals(200, call("PATCH", "/v1/fee-entries/" + entryId, bearer(admin), "application/json", "{\"approvedByCustomer\":true}").status());
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entryId)));
        assertEquals(issued.body(), 201, issued.status());
        return issued.json().path("items").get(0);
    }

    /** The id of the fake Stripe's PaymentIntent made for our payment {@code reference}. */
    private static String intentOf(FakeStripeServer stripe, String reference) {
        for (JsonNode e : stripe.events) {
            JsonNode o = e.path("data").path("object");
            if ("payment_intent.created".equals(e.path("type").asText())
                    && reference.equals(o.path("metadata").path("clientele_reference").asText())) {
                return o.path("id").asText();
            }
        }
        throw new AssertionError("no PaymentIntent for " + reference + " among " + stripe.events.size() + " events");
    }

    private String invoiceStatus(String admin, String invoiceId) {
        return get("/v1/invoices/" + invoiceId, admin).json().path("status").asText();
    }

    // ---- the story

    @Test
    public void theSeedsPortalStoryEndToEnd() throws Exception {
        try (FakeStripeServer stripe = new FakeStripeServer()) {
            stripe.webhookUrl = baseUrl() + "/v1/payments/webhooks/stripe";
            FakeStripeSetup.connect(service(ConfigurationAdmin.class), stripe);
            featuresService.installFeature("clientele-payment-stripe", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("the Stripe gateway", 60, () -> FakeStripeSetup.registered(bundleContext));

            // the agency: the portal with every tab, its own invitation and auto-charge e-mails; Sam serves the bakery
            String admin = createAgency(AGENCY, "portal", "monthly-fee", "ijob");
            Answer saved = call("PUT", "/v1/portal/settings", bearer(admin), "application/json", toJson(Map.of("enabledTabs", TABS,
                    "portalLoginsEnabled", true,
                    "invitationEmailHtml", "<p>Bem-vinda, {{contactName}}! <a href=\"{{activationLink}}\">Abra o portal da Aurora</a></p>",
                    "autoChargeEmailHtml", "<p>Cobramos a fatura {{invoiceNumber}} ({{amount}}) no seu cartão.</p>")));
            assertEquals(saved.body(), 200, saved.status());
            // its logo (a real PNG), printed on its invoices
            byte[] png = java.util.Base64.getDecoder().decode(
                    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
            Answer logo = sendFile("PUT", "/v1/portal/settings/logo", admin, "logo.png", "image/png", png);
            assertEquals(logo.body(), 200, logo.status());
            String samId = id(post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@" + AGENCY + ".test", "roles", List.of("SERVICE"),
                    "password", "passphrase of Sam")));
            String bakery = customer(admin, "Padaria Aurora", samId);
            String florist = customer(admin, "Floricultura Sol", null);

            // invited: the mail carries the agency's own text and the link; activated
            String[] paula = invitedAndActive(admin, bakery, "Paula", "paula@aurora.test");
            assertTrue(paula[2], paula[2].contains("Bem-vinda, Paula!") && paula[2].contains("Abra o portal da Aurora"));
            String[] olga = invitedAndActive(admin, florist, "Olga", "olga@sol.test");
            String token = paula[1];

            // an invoice: the balance on Home, the PDF downloaded
            JsonNode first = invoice(admin, bakery, "1250.00", "2026-10");
            String firstId = first.path("id").asText();
            long firstNumber = first.path("number").asLong();
            JsonNode home = get("/v1/portal/home", token).json();
            assertTrue(home.toString(), home.path("balanceDue").toString().contains("1250.00"));
            Binary invoicePdf = binary("/v1/portal/invoices/" + firstId + "/pdf", token);
            String pdf = PdfText.of(bundleContext, invoicePdf, "invoice-" + firstNumber + ".pdf");
            assertTrue("the agency's logo is on the invoice", new String(invoicePdf.body(), StandardCharsets.ISO_8859_1).contains("/Subtype/Image"));
            assertTrue(pdf, pdf.contains(Long.toString(firstNumber)) && pdf.contains("1.250,00"));

            // paid by Pix through the gateway: the same Idempotency-Key is the same payment; the webhook twice is one payment
            Answer pay = call("POST", "/v1/portal/invoices/" + firstId + "/pay", bearer(token), "application/json",
                    toJson(Map.of("method", "PIX")), "Idempotency-Key", "pay-first");
            assertEquals(pay.body(), 201, pay.status());
            String paymentId = pay.json().path("id").asText();
            assertEquals("REQUIRES_ACTION", pay.json().path("state").asText());
            assertEquals("PIX", pay.json().path("nextAction").path("kind").asText());
            assertFalse(pay.json().path("nextAction").path("code").asText().isEmpty());
            Answer again = call("POST", "/v1/portal/invoices/" + firstId + "/pay", bearer(token), "application/json",
                    toJson(Map.of("method", "PIX")), "Idempotency-Key", "pay-first");
            assertEquals(paymentId, again.json().path("id").asText());
            String intent = intentOf(stripe, paymentId);
            stripe.pay(intent);
            await("the first invoice paid", 30, () -> "PAID".equals(invoiceStatus(admin, firstId)));
            JsonNode succeeded = stripe.lastEvent(intent, "payment_intent.succeeded");
            assertEquals("redelivered; all deliveries: " + stripe.deliveries, 200, stripe.deliver(succeeded));
            assertEquals("redelivered again; all deliveries: " + stripe.deliveries, 200, stripe.deliver(succeeded));
            JsonNode paidInvoice = get("/v1/invoices/" + firstId, admin).json();
            assertEquals(paidInvoice.toString(), 1, paidInvoice.path("payments").size());
            assertTrue(paidInvoice.toString(), paidInvoice.path("payments").get(0).path("paidBy").asText().contains("Paula"));
            JsonNode payment = get("/v1/portal/payments/" + paymentId, token).json();
            assertEquals("SUCCEEDED", payment.path("state").asText());
            assertEquals("Paula", payment.path("paidBy").path("name").asText());

            // a card saved at the gateway turns autopay on; the next invoice is charged by itself, its e-mail sent once
            Answer setup = post("/v1/portal/payment-methods", token, Map.of());
            assertEquals(setup.body(), 200, setup.status());
            assertEquals(setup.body(), "REDIRECT", setup.json().path("nextAction").path("kind").asText());
            JsonNode setupSession = stripe.sessionFor(setup.json().path("setupId").asText());
            assertEquals(setupSession.path("url").asText(), setup.json().path("nextAction").path("url").asText());
            assertEquals("complete", stripe.payCheckout(setupSession.path("id").asText(), FakeStripeServer.VISA).path("status").asText());
            await("autopay on with the saved card", 30, () -> get("/v1/portal/autopay", token).json().path("enabled").asBoolean());
            assertEquals("4242", get("/v1/portal/autopay", token).json().path("card").path("last4").asText());
            int mailsBefore = mailbox.mailsTo("paula@aurora.test").size();
            JsonNode second = invoice(admin, bakery, "300.00", "2026-11");
            String secondId = second.path("id").asText();
            await("the second invoice charged automatically", 60, () -> "PAID".equals(invoiceStatus(admin, secondId)));
            String charged = mailbox.awaitMail("paula@aurora.test", mailsBefore + 1);
            assertTrue(charged, charged.contains("Cobramos a fatura " + second.path("number").asLong()));
            Thread.sleep(3000);
            assertEquals("the auto-charge e-mail once", mailsBefore + 1, mailbox.mailsTo("paula@aurora.test").size());
            assertEquals(1, get("/v1/invoices/" + secondId, admin).json().path("payments").size());

            // an estimate accepted with a comment: staff see who decided
            String estimateId = id(post("/v1/estimates", admin, Map.of("customerId", bakery, "title", "Site novo", "lines", List.of(
                    Map.of("description", "Design", "quantity", 2, "unitPrice", "1500.00")))));
            assertEquals(200, call("POST", "/v1/estimates/" + estimateId + "/send", bearer(admin), null, null).status());
            Answer accepted = call("POST", "/v1/portal/estimates/" + estimateId + "/accept", bearer(token), "application/json",
                    toJson(Map.of("comment", "Pode começar.")));
            assertEquals(accepted.body(), 200, accepted.status());
            assertEquals("Paula", get("/v1/estimates/" + estimateId, admin).json().path("decidedByContactName").asText());

            // a document uploaded by the contact, seen by staff
            byte[] pdfBytes = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            Answer uploaded = upload("/v1/portal/documents", token, "briefing.pdf", pdfBytes);
            assertEquals(uploaded.body(), 201, uploaded.status());
            String documentId = uploaded.json().path("id").asText();
            assertTrue(get("/v1/customers/" + bakery + "/portal-documents", admin).body().contains(documentId));

            // a service request reaches the service manager
            Answer request = post("/v1/portal/service-requests", token, Map.of("subject", "Forno quebrado", "description", "Não esquenta."));
            assertEquals(request.body(), 201, request.status());
            String requestId = request.json().path("id").asText();
            String samMail = mailbox.awaitMail("sam@" + AGENCY + ".test", 1);
            assertTrue(samMail, samMail.contains("Forno quebrado"));

            // another customer's contact: 404 for every one of these ids
            String other = olga[1];
            assertProblem(get("/v1/portal/invoices/" + firstId, other), 404, "not_found");
            assertProblem(get("/v1/portal/invoices/" + firstId + "/pdf", other), 404, "not_found");
            assertProblem(get("/v1/portal/payments/" + paymentId, other), 404, "not_found");
            assertProblem(get("/v1/portal/estimates/" + estimateId, other), 404, "not_found");
            assertProblem(get("/v1/portal/documents/" + documentId + "/content", other), 404, "not_found");
            assertProblem(get("/v1/portal/service-requests/" + requestId, other), 404, "not_found");

            // a tab switched off answers 403
            List<String> withoutPayments = TABS.stream().filter(t -> !t.equals("Payments")).toList();
            assertEquals(200, call("PUT", "/v1/portal/settings", bearer(admin), "application/json",
                    toJson(Map.of("enabledTabs", withoutPayments, "portalLoginsEnabled", true))).status());
            assertProblem(get("/v1/portal/payments/" + paymentId, token), 403, "forbidden");

            // the portal module uninstalled live: the contact still logs in and reaches the iJob approvals
            featuresService.uninstallFeature("clientele-portal", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            try {
                Answer login = post("/v1/portal/auth/login", null, Map.of("agency", AGENCY, "email", "paula@aurora.test",
                        "password", "Paula's long portal passphrase"));
                assertEquals(login.body(), 200, login.status());
                String fresh = login.json().path("accessToken").asText();
                assertNotNull(fresh);
                await("the iJob approvals without the portal module", 30, () -> get("/v1/portal/pieces", fresh).status() == 200);
            } finally {
                featuresService.installFeature("clientele-portal", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            }
        }
    }
}
