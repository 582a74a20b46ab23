package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
 * The portal's Invoices and Estimates tabs through the real distribution: an issued invoice is listed for the customer's
 * contact with its balance and downloaded as a PDF that names its number and total; a SENT estimate is accepted by the
 * contact with a comment (staff see who and when, and the customer's history has it), another is declined, a DRAFT is
 * never shown; another customer's contact gets 404 for every one of these ids; a tab switched off is 403
 * {@code forbidden}; the monthly-fee module not enabled is 403 {@code module_not_enabled}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalBillingIT extends ClienteleTestSupport {

    private static final String AGENCY = "portal-billing";
    private static final Pattern ACTIVATE = Pattern.compile("/portal/[a-z0-9-]+/activate\\?token=([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/io.clientele.contact.portal.cfg", "publicBaseUrl", "https://clients.example.test")))
                .toArray(new Option[0]);
    }

    // ---- set-up through the staff API

    private String created(Answer a) {
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String customerWithAddress(String admin, String name) {
        return created(post("/v1/customers", admin, Map.of("name", name, "companyName", name + " Ltda", "address", Map.of(
                "postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP", "country", "BR"))));
    }

    /** The customer's primary contact, invited and activated; answers its id and its portal access token. */
    private String[] portalContact(String admin, String customerId, String name, String email) {
        String id = created(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email, "primary", true)));
        assertEquals(202, call("POST", "/v1/contacts/" + id + "/portal-invite", bearer(admin), null, null).status());
        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", mailbox.awaitMatch(email, ACTIVATE),
                "password", name + "'s long passphrase"));
        assertEquals(activated.body(), 200, activated.status());
        return new String[]{id, activated.json().path("accessToken").asText()};
    }

    /** One invoice of {@code amount} for the customer: a one-month fee, its entry approved and billed. */
    private JsonNode invoice(String admin, String customerId, String amount) {
        Map<String, Object> fee = new LinkedHashMap<>(Map.of("customerId", customerId, "description", "Social media retainer",
                "amount", amount, "currency", "BRL", "startDate", "2026-11-01", "endDate", "2026-11-30", "paymentDay", 10));
        String feeId = created(post("/v1/monthly-fees", admin, fee));
        String entryId = get("/v1/monthly-fees/" + feeId + "/entries", admin).json().path("items").get(0).path("id").asText();
        assertEquals(200, call("PATCH", "/v1/fee-entries/" + entryId, bearer(admin), "application/json", "{\"approvedByCustomer\":true}").status());
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entryId)));
        assertEquals(issued.body(), 201, issued.status());
        return issued.json().path("items").get(0);
    }

    private String estimate(String admin, String customerId, String title, boolean send) {
        String id = created(post("/v1/estimates", admin, Map.of("customerId", customerId, "title", title, "lines", List.of(
                Map.of("description", "Design", "quantity", 2, "unitPrice", "1500.00")))));
        if (send) {
            Answer sent = call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null);
            assertEquals(sent.body(), 200, sent.status());
        }
        return id;
    }

    private static List<String> ids(Answer list) {
        assertEquals(list.body(), 200, list.status());
        List<String> out = new ArrayList<>();
        list.json().path("items").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    private Answer decide(String token, String estimateId, String decision, String comment) {
        return call("POST", "/v1/portal/estimates/" + estimateId + "/" + decision, bearer(token), "application/json",
                comment == null ? "{}" : toJson(Map.of("comment", comment)));
    }

    private void tabs(String admin, List<String> tabs) {
        Answer saved = call("PUT", "/v1/portal/settings", bearer(admin), "application/json",
                toJson(Map.of("enabledTabs", tabs, "portalLoginsEnabled", true)));
        assertEquals(saved.body(), 200, saved.status());
    }

    // ---- the story

    @Test
    public void aContactSeesItsInvoicesAndAnswersItsEstimatesAndNothingOfAnotherCustomer() {
        String admin = createAgency(AGENCY, "portal", "monthly-fee");
        String bakery = customerWithAddress(admin, "Padaria Aurora");
        String florist = customerWithAddress(admin, "Floricultura Sol");
        String[] paula = portalContact(admin, bakery, "Paula", "paula@aurora.test");
        String[] olga = portalContact(admin, florist, "Olga", "olga@sol.test");

        // an invoice issued: listed with its balance, read, downloaded as a PDF naming its number and total
        JsonNode invoice = invoice(admin, bakery, "1250.00");
        String invoiceId = invoice.path("id").asText();
        long number = invoice.path("number").asLong();
        invoice(admin, florist, "99.00");
        Answer list = get("/v1/portal/invoices", paula[1]);
        assertEquals(List.of(invoiceId), ids(list));
        JsonNode listed = list.json().path("items").get(0);
        assertEquals("OPEN", listed.path("status").asText());
        assertEquals("1250.00", listed.path("balance").asText());
        assertFalse("no internal ids for contacts: " + listed, listed.toString().contains("feeId") || listed.toString().contains("entryId"));
        assertEquals("1250.00", list.json().path("balanceDue").get(0).path("amount").asText());
        assertEquals("BRL", list.json().path("balanceDue").get(0).path("currency").asText());
        assertEquals(List.of(), ids(get("/v1/portal/invoices?status=PAID", paula[1])));
        assertEquals(List.of(invoiceId), ids(get("/v1/portal/invoices?status=open", paula[1])));
        assertEquals("status", assertProblem(get("/v1/portal/invoices?status=LATE", paula[1]), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());
        Answer one = get("/v1/portal/invoices/" + invoiceId, paula[1]);
        assertEquals(one.body(), 200, one.status());
        assertEquals(number, one.json().path("number").asLong());
        assertTrue(one.body(), one.json().path("lines").get(0).path("description").asText().startsWith("Social media retainer"));
        String pdf = PdfText.of(bundleContext, binary("/v1/portal/invoices/" + invoiceId + "/pdf", paula[1]), "invoice-" + number + ".pdf");
        assertTrue(pdf, pdf.contains("Fatura nº " + number) && pdf.contains("R$ 1.250,00") && pdf.contains("Padaria Aurora"));

        // estimates: two sent, one still a DRAFT (never shown)
        String website = estimate(admin, bakery, "Novo site", true);
        String flyer = estimate(admin, bakery, "Folheto", true);
        String draft = estimate(admin, bakery, "Rascunho interno", false);
        List<String> shown = ids(get("/v1/portal/estimates", paula[1]));
        assertEquals(2, shown.size());
        assertTrue(shown.containsAll(List.of(website, flyer)));
        assertTrue(get("/v1/portal/estimates/" + website, paula[1]).json().path("actionable").asBoolean());
        assertProblem(get("/v1/portal/estimates/" + draft, paula[1]), 404, "not_found");
        assertEquals(404, binary("/v1/portal/estimates/" + draft + "/pdf", paula[1]).status());
        assertProblem(decide(paula[1], draft, "accept", null), 404, "not_found");
        assertEquals("status", assertProblem(get("/v1/portal/estimates?status=DRAFT", paula[1]), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());

        // Paula accepts one with a comment; a second decision is 409; staff see who and when, and the history has it
        assertEquals("comment", assertProblem(decide(paula[1], website, "accept", "x".repeat(2001)), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());
        Answer accepted = decide(paula[1], website, "accept", "Pode começar na segunda");
        assertEquals(accepted.body(), 200, accepted.status());
        assertEquals("ACCEPTED", accepted.json().path("status").asText());
        assertEquals("Paula", accepted.json().path("decidedByContactName").asText());
        assertFalse(accepted.json().path("actionable").asBoolean());
        assertProblem(decide(paula[1], website, "accept", null), 409, "conflict");
        assertProblem(decide(paula[1], website, "decline", null), 409, "conflict");
        JsonNode staffView = get("/v1/estimates/" + website, admin).json();
        assertEquals("ACCEPTED", staffView.path("status").asText());
        assertEquals(paula[0], staffView.path("decidedByContactId").asText());
        assertEquals("Paula", staffView.path("decidedByContactName").asText());
        assertEquals("Pode começar na segunda", staffView.path("decisionComment").asText());
        assertFalse(staffView.path("decidedAt").isNull());
        assertTrue(staffView.path("decidedByUserId").isNull());
        JsonNode history = get("/v1/customers/" + bakery + "/history", admin).json().path("items");
        JsonNode entry = null;
        for (JsonNode h : history) {
            if ("ACCEPTED".equals(h.path("action").asText()) && website.equals(h.path("entityId").asText())) {
                entry = h;
            }
        }
        assertTrue("the decision is in the customer's history: " + history, entry != null);
        assertEquals("Portal: Paula", entry.path("actorName").asText());
        assertTrue(entry.toString(), entry.toString().contains(paula[0]) && entry.toString().contains("Pode começar na segunda"));
        String estimatePdf = PdfText.of(bundleContext, binary("/v1/portal/estimates/" + website + "/pdf", paula[1]), "estimate-" + website + ".pdf");
        assertTrue(estimatePdf, estimatePdf.contains("Novo site") && estimatePdf.contains("R$ 3.000,00")
                && estimatePdf.contains("Aceito por Paula"));

        // the other is declined, without a comment
        Answer declined = decide(paula[1], flyer, "decline", null);
        assertEquals(declined.body(), 200, declined.status());
        assertEquals("DECLINED", get("/v1/estimates/" + flyer, admin).json().path("status").asText());
        assertEquals(List.of(flyer), ids(get("/v1/portal/estimates?status=DECLINED", paula[1])));

        // another customer's contact: nothing listed, 404 for every id
        assertEquals(1, ids(get("/v1/portal/invoices", olga[1])).size());
        assertFalse(ids(get("/v1/portal/invoices", olga[1])).contains(invoiceId));
        assertEquals(List.of(), ids(get("/v1/portal/estimates", olga[1])));
        assertProblem(get("/v1/portal/invoices/" + invoiceId, olga[1]), 404, "not_found");
        assertEquals(404, binary("/v1/portal/invoices/" + invoiceId + "/pdf", olga[1]).status());
        for (String id : List.of(website, flyer, draft)) {
            assertProblem(get("/v1/portal/estimates/" + id, olga[1]), 404, "not_found");
            assertEquals(404, binary("/v1/portal/estimates/" + id + "/pdf", olga[1]).status());
            assertProblem(decide(olga[1], id, "accept", null), 404, "not_found");
            assertProblem(decide(olga[1], id, "decline", "no"), 404, "not_found");
        }
        // staff endpoints stay staff's
        assertProblem(get("/v1/invoices/" + invoiceId + "/pdf", paula[1]), 403, "forbidden");

        // a tab switched off: 403 forbidden behind it
        tabs(admin, List.of("Home", "Estimates"));
        assertProblem(get("/v1/portal/invoices", paula[1]), 403, "forbidden");
        assertProblem(get("/v1/portal/invoices/" + invoiceId, paula[1]), 403, "forbidden");
        assertEquals(403, binary("/v1/portal/invoices/" + invoiceId + "/pdf", paula[1]).status());
        assertEquals(200, get("/v1/portal/estimates", paula[1]).status());
        tabs(admin, List.of("Home", "Invoices"));
        assertProblem(get("/v1/portal/estimates", paula[1]), 403, "forbidden");
        assertProblem(get("/v1/portal/estimates/" + website, paula[1]), 403, "forbidden");
        assertEquals(403, binary("/v1/portal/estimates/" + website + "/pdf", paula[1]).status());
        assertProblem(decide(paula[1], flyer, "accept", null), 403, "forbidden");
        assertEquals(200, get("/v1/portal/invoices", paula[1]).status());

        // the monthly-fee module not enabled for the agency: 403 module_not_enabled naming it
        tabs(admin, List.of("Home", "Invoices", "Estimates"));
        assertEquals(200, operator("PUT", "/v1/platform/agencies/" + AGENCY + "/modules", Map.of("modules", List.of("portal"))).status());
        try {
            JsonNode problem = assertProblem(get("/v1/portal/invoices", paula[1]), 403, "module_not_enabled");
            assertTrue(problem.toString(), problem.path("detail").asText().contains("monthly-fee"));
            assertProblem(get("/v1/portal/estimates/" + website, paula[1]), 403, "module_not_enabled");
        } finally {
            operator("PUT", "/v1/platform/agencies/" + AGENCY + "/modules", Map.of("modules", List.of("portal", "monthly-fee")));
        }
        assertEquals(200, get("/v1/portal/invoices", paula[1]).status());
    }

    @Test
    public void withoutTheMonthlyFeeModuleInstalledTheTabsAnswerModuleNotEnabled() throws Exception {
        String admin = createAgency("portal-billing-gone", "portal", "monthly-fee");
        String customer = customerWithAddress(admin, "Oficina Lua");
        String[] contact = portalContact(admin, customer, "Luna", "luna@lua.test");
        assertEquals(200, get("/v1/portal/invoices", contact[1]).status());
        featuresService.uninstallFeature("clientele-monthly-fee");
        try {
            await("the monthly-fee services gone", 30, () -> get("/v1/portal/invoices", contact[1]).status() == 403);
            assertProblem(get("/v1/portal/invoices", contact[1]), 403, "module_not_enabled");
            assertProblem(get("/v1/portal/estimates", contact[1]), 403, "module_not_enabled");
            assertEquals("the portal itself stays", 200, get("/v1/portal/tabs", contact[1]).status());
        } finally {
            featuresService.installFeature("clientele-monthly-fee");
        }
        await("the monthly-fee services back", 30, () -> get("/v1/portal/invoices", contact[1]).status() == 200);
    }
}
