package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Portal payments through the real distribution, where no payment gateway is installed: the gateway's webhook is 503
 * (so its provider delivers again later), paying is a 503 problem naming the missing gateway, another customer's invoice
 * is 404, the Payments tab switched off is 403, autopay cannot be switched on without a saved card, and staff see the
 * (empty) list of payments and each contact's autopay. The end-to-end payment through the Stripe adapter and its fake
 * server is the lead's (see docs/payments.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalPaymentsIT extends ClienteleTestSupport {

    private static final Pattern LINK = Pattern.compile("/portal/[a-z0-9-]+/activate\\?token=([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(withTestSmtp(Integer.toString(freePort()))).toArray(new Option[0]);
    }

    private String customer(String admin, String name) {
        Answer a = post("/v1/customers", admin, Map.of("name", name, "companyName", name + " Ltda", "address", Map.of("postalCode", "01001-000",
                "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP", "country", "BR")));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    /** An invitation, activation and login of a new contact of the customer: its portal token. */
    private String contactToken(String admin, String slug, String customerId, String name, String email) throws Exception {
        Answer c = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email));
        assertEquals(c.body(), 201, c.status());
        String contactId = c.json().path("id").asText();
        Answer invited = post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(contactId)));
        assertEquals(invited.body(), 200, invited.status());
        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", mailbox.awaitMatch(email, LINK),
                "password", name + "'s own long passphrase"));
        assertEquals(activated.body(), 200, activated.status());
        return activated.json().path("accessToken").asText();
    }

    /** An OPEN invoice of the customer: a one-month fee, its entry approved and issued. */
    private String invoice(String admin, String customerId) {
        Map<String, Object> fee = new LinkedHashMap<>();
        fee.put("customerId", customerId);
        fee.put("description", "Retainer");
        fee.put("amount", "1200.00");
        fee.put("currency", "BRL");
        fee.put("startDate", "2026-01-01");
        fee.put("endDate", "2026-01-31");
        fee.put("paymentDay", 10);
        fee.put("paymentMethod", "BOLETO");
        fee.put("contractText", "The agency serves, the customer pays monthly.");
        Answer created = post("/v1/monthly-fees", admin, fee);
        assertEquals(created.body(), 201, created.status());
        String entry = get("/v1/monthly-fees/" + created.json().path("id").asText() + "/entries", admin).json().path("items").get(0).path("id").asText();
        Answer approved = call("PATCH", "/v1/fee-entries/" + entry, bearer(admin), "application/json", "{\"approvedByCustomer\":true}");
        assertEquals(approved.body(), 200, approved.status());
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entry)));
        assertEquals(issued.body(), 201, issued.status());
        return issued.json().path("items").get(0).path("id").asText();
    }

    private Map<String, Object> tabs(List<String> tabs) {
        Map<String, Object> body = new HashMap<>();
        body.put("enabledTabs", tabs);
        body.put("portalLoginsEnabled", true);
        return body;
    }

    @Test
    public void withoutAGatewayPaymentsAreRefusedClearlyAndEachContactReachesOnlyItsOwnInvoices() throws Exception {
        String admin = createAgency("pay-story", "portal", "monthly-fee");
        String bakery = customer(admin, "Bakery");
        String florist = customer(admin, "Florist");
        String paula = contactToken(admin, "pay-story", bakery, "Paula", "paula@bakery.test");
        String olga = contactToken(admin, "pay-story", florist, "Olga", "olga@florist.test");
        // the webhook of a gateway that is not installed: 503 with Retry-After, so the provider delivers again (the module's
        // endpoints are published once the portal bundle has started, which may follow the core's readiness)
        await("the payment webhook endpoint", 60, () -> webhook().status() != 404);
        Answer webhook = webhook();
        assertProblem(webhook, 503, "payment_gateway_unavailable");
        assertNotNull(webhook.header("Retry-After"));

        String bakeryInvoice = invoice(admin, bakery);
        String floristInvoice = invoice(admin, florist);

        // the Payments screen's list: the open invoice, no gateway to pay it with
        JsonNode payable = get("/v1/portal/payments/payable", paula).json();
        assertFalse(payable.toString(), payable.path("gatewayAvailable").asBoolean());
        assertEquals(1, payable.path("items").size());
        assertEquals(bakeryInvoice, payable.path("items").get(0).path("invoiceId").asText());
        assertEquals("1200.00", payable.path("items").get(0).path("balance").asText());

        // paying with no gateway configured: a 503 problem that says so; nothing is stored
        Answer noGateway = call("POST", "/v1/portal/invoices/" + bakeryInvoice + "/pay", bearer(paula), "application/json",
                toJson(Map.of("method", "PIX")), "Idempotency-Key", "pay-1");
        JsonNode problem = assertProblem(noGateway, 503, "payment_gateway_unavailable");
        assertTrue(problem.toString(), problem.path("detail").asText().contains("No payment gateway is configured"));
        assertEquals(0, get("/v1/portal/payments", paula).json().path("items").size());

        // another customer's invoice is 404, alone or among the contact's own; bad input names its field
        assertProblem(call("POST", "/v1/portal/invoices/" + floristInvoice + "/pay", bearer(paula), "application/json",
                toJson(Map.of("method", "PIX"))), 404, "not_found");
        assertProblem(post("/v1/portal/payments", paula, Map.of("invoiceIds", List.of(floristInvoice), "method", "BOLETO")), 404, "not_found");
        assertEquals("method", assertProblem(post("/v1/portal/payments", paula, Map.of("invoiceIds", List.of(bakeryInvoice), "method", "CHEQUE")),
                400, "validation_failed").path("errors").get(0).path("field").asText());
        assertProblem(get("/v1/portal/payments/" + "00000000-0000-0000-0000-000000000000", olga), 404, "not_found");

        // autopay needs a saved card; saving one needs a gateway
        assertFalse(get("/v1/portal/autopay", paula).json().path("enabled").asBoolean());
        assertEquals("enabled", assertProblem(put("/v1/portal/autopay", paula, Map.of("enabled", true)), 409, "conflict")
                .path("errors").get(0).path("field").asText());
        assertProblem(post("/v1/portal/payment-methods", paula, Map.of()), 503, "payment_gateway_unavailable");

        // staff: the payments list and autopay per contact
        Answer staffList = get("/v1/payments", admin);
        assertEquals(staffList.body(), 200, staffList.status());
        assertEquals(0, staffList.json().path("items").size());
        JsonNode users = get("/v1/portal/users", admin).json().path("items");
        assertTrue(users.toString(), users.size() >= 2);
        users.forEach(u -> assertFalse(u.toString(), u.path("autopay").asBoolean()));

        // the Payments tab switched off: 403 on every payment endpoint of the contact
        Answer off = put("/v1/portal/settings", admin, tabs(List.of("Home", "Invoices")));
        assertEquals(off.body(), 200, off.status());
        assertProblem(get("/v1/portal/payments/payable", paula), 403, "forbidden");
        assertProblem(call("POST", "/v1/portal/invoices/" + bakeryInvoice + "/pay", bearer(paula), "application/json",
                toJson(Map.of("method", "PIX"))), 403, "forbidden");
        assertProblem(get("/v1/portal/autopay", paula), 403, "forbidden");
        assertProblem(post("/v1/portal/payment-methods", paula, Map.of()), 403, "forbidden");
        // the invoice is untouched
        assertEquals("OPEN", get("/v1/invoices/" + bakeryInvoice, admin).json().path("status").asText());
    }

    private Answer webhook() {
        return call("POST", "/v1/payments/webhooks/stripe", null, "application/json", "{\"id\":\"evt_1\"}", "Stripe-Signature", "t=1,v1=00");
    }

    private Answer put(String path, String token, Object body) {
        return call("PUT", path, bearer(token), "application/json", toJson(body));
    }
}
