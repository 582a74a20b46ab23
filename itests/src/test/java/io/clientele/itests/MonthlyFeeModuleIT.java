package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.mail.internet.MimeMessage;
import org.apache.karaf.features.FeaturesService;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The module "monthly-fee" through HTTP: a retainer from fee to paid invoice, invoicing rules, gapless numbering
 * under concurrent issuing, the module gate, live uninstall and reinstall, and estimates e-mailed once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonthlyFeeModuleIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-monthly-fee";
    private static final int DOCUMENT_MAX_BYTES = 50_000;

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/io.clientele.monthlyfee.cfg", "documentMaxBytes", Integer.toString(DOCUMENT_MAX_BYTES)),
                // the entry generator runs all the time, concurrently with every test below
                editConfigurationFilePut("etc/io.clientele.monthlyfee.cfg", "generatorInitialDelaySeconds", "1"),
                editConfigurationFilePut("etc/io.clientele.monthlyfee.cfg", "generatorIntervalSeconds", "1")))
                .toArray(new Option[0]);
    }

    // ---- helpers

    private static Map<String, Object> address() {
        return Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP",
                "country", "BR");
    }

    private String customer(String token, String name, boolean withAddress) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", name, "companyName", name + " Ltda"));
        if (withAddress) {
            fields.put("address", address());
        }
        Answer a = post("/v1/customers", token, fields);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private JsonNode fee(String token, String customerId, String amount, String start, String end, int paymentDay) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("description", "Retainer");
        body.put("amount", amount);
        body.put("currency", "BRL");
        body.put("startDate", start);
        body.put("endDate", end);
        body.put("paymentDay", paymentDay);
        body.put("paymentMethod", "BOLETO");
        body.put("contractText", "The agency serves, the customer pays monthly.");
        Answer a = post("/v1/monthly-fees", token, body);
        assertEquals(a.body(), 201, a.status());
        assertNotNull(a.header("Location"));
        return a.json();
    }

    private List<JsonNode> entries(String token, String feeId) {
        Answer a = get("/v1/monthly-fees/" + feeId + "/entries", token);
        assertEquals(a.body(), 200, a.status());
        List<JsonNode> out = new ArrayList<>();
        a.json().path("items").forEach(out::add);
        return out;
    }

    private void approve(String token, String entryId) {
        Answer a = call("PATCH", "/v1/fee-entries/" + entryId, bearer(token), "application/json", "{\"approvedByCustomer\":true}");
        assertEquals(a.body(), 200, a.status());
        assertTrue(a.json().path("approvedByCustomer").asBoolean());
    }

    private Answer issue(String token, List<String> entryIds, String... headers) {
        return call("POST", "/v1/pre-billing/invoices", bearer(token), "application/json", toJson(Map.of("entryIds", entryIds)), headers);
    }

    private Answer pay(String token, String invoiceId, String amount, String key) {
        return call("POST", "/v1/invoices/" + invoiceId + "/payments", bearer(token), "application/json",
                toJson(Map.of("amount", amount, "method", "PIX", "paidAt", "2026-02-10T12:00:00Z")), "Idempotency-Key", key);
    }

    private static List<String> fields(JsonNode problem) {
        return problem.path("errors").findValuesAsText("field");
    }

    // ---- tests

    @Test
    public void aRetainerGoesFromFeeThroughApprovalAndPreBillingToAPaidInvoice() {
        String admin = createAgency("fees", "monthly-fee");
        String customerId = customer(admin, "Padaria Central", true);

        JsonNode bad = assertProblem(post("/v1/monthly-fees", admin, Map.of("customerId", customerId, "description", "x",
                "amount", "10.123", "currency", "XQZ", "startDate", "2026-05-01", "endDate", "2026-04-01", "paymentDay", 32)),
                400, "validation_failed");
        assertTrue(fields(bad).toString(), fields(bad).containsAll(List.of("amount", "currency", "endDate", "paymentDay")));
        assertTrue(fields(assertProblem(post("/v1/monthly-fees", admin, Map.of("customerId", customerId, "description", "x",
                "amount", "0.00", "currency", "BRL", "startDate", "2026-05-01", "paymentDay", 5)), 400, "validation_failed"))
                .contains("amount"));
        assertEquals(0, get("/v1/monthly-fees?customerId=" + customerId, admin).json().path("items").size());

        // payment day 31 falls on the last day of shorter months
        JsonNode fee = fee(admin, customerId, "1000.00", "2026-01-15", "2026-03-31", 31);
        String feeId = fee.path("id").asText();
        assertEquals("1000.00", fee.path("amount").asText());
        List<JsonNode> entries = entries(admin, feeId);
        assertEquals(3, entries.size());
        assertEquals(List.of("2026-01-31", "2026-02-28", "2026-03-31"),
                entries.stream().map(e -> e.path("dueDate").asText()).toList());
        assertTrue(entries.stream().allMatch(e -> e.path("status").asText().equals("OPEN") && !e.path("approvedByCustomer").asBoolean()));

        // optimistic locking; a change of terms reaches the entries not yet billed
        Answer read = get("/v1/monthly-fees/" + feeId, admin);
        assertEquals("\"0\"", read.header("ETag"));
        assertProblem(call("PATCH", "/v1/monthly-fees/" + feeId, bearer(admin), "application/json", "{\"amount\":\"1200.00\"}",
                "If-Match", "\"7\""), 412, "precondition_failed");
        Answer patched = call("PATCH", "/v1/monthly-fees/" + feeId, bearer(admin), "application/json", "{\"amount\":\"1200.00\"}",
                "If-Match", "\"0\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("1200.00", patched.json().path("amount").asText());
        entries = entries(admin, feeId);
        assertTrue(entries.toString(), entries.stream().allMatch(e -> e.path("amount").asText().equals("1200.00")));
        String jan = entries.get(0).path("id").asText();
        String feb = entries.get(1).path("id").asText();
        String mar = entries.get(2).path("id").asText();

        // only approved entries reach pre-billing; the approval is in the customer's history with the actor
        assertEquals(0, get("/v1/pre-billing?from=2026-01-01&to=2026-12-31", admin).json().path("items").size());
        assertProblem(issue(admin, List.of(jan)), 400, "validation_failed");
        approve(admin, jan);
        approve(admin, feb);
        JsonNode history = get("/v1/customers/" + customerId + "/history", admin).json().path("items");
        assertEquals("APPROVED", history.get(0).path("action").asText());
        assertEquals("Admin of fees", history.get(0).path("actorName").asText());
        JsonNode preBilling = get("/v1/pre-billing?from=2026-01-01&to=2026-12-31", admin).json().path("items");
        assertEquals(2, preBilling.size());
        assertEquals(jan, preBilling.get(0).path("entryId").asText());
        assertEquals(1, get("/v1/pre-billing?from=2026-02-01&to=2026-02-28", admin).json().path("items").size());
        assertProblem(get("/v1/pre-billing?from=2026-02-30", admin), 400, "validation_failed");

        // invoices are numbered 1, 2, … and carry the customer's legal entity and address
        Answer first = issue(admin, List.of(jan));
        assertEquals(first.body(), 201, first.status());
        JsonNode invoice1 = first.json().path("items").get(0);
        assertEquals(1, invoice1.path("number").asLong());
        assertEquals(customerId, invoice1.path("customerId").asText());
        assertEquals(customerId, invoice1.path("legalEntityId").asText());
        assertEquals("São Paulo", invoice1.path("address").path("city").asText());
        assertEquals("1200.00", invoice1.path("total").asText());
        assertEquals("BRL", invoice1.path("currency").asText());
        assertEquals("OPEN", invoice1.path("status").asText());
        assertEquals(jan, invoice1.path("lines").get(0).path("entryId").asText());

        // the invoice as a PDF in the agency's language (pt-BR), to callers who see the invoice only
        String pdf1 = PdfText.of(bundleContext, binary("/v1/invoices/" + invoice1.path("id").asText() + "/pdf", admin), "invoice-1.pdf");
        for (String expected : List.of("Agency fees", "Fatura nº 1", "Situação: Em aberto", "Padaria Central", "Praça da Sé, 1",
                "São Paulo/SP", "Vencimento", "Retainer", "R$ 1.200,00", "Saldo a pagar")) {
            assertTrue("'" + expected + "' in:\n" + pdf1, pdf1.contains(expected));
        }
        assertProblem(get("/v1/invoices/00000000-0000-4000-8000-000000000000/pdf", admin), 404, "not_found");
        assertProblem(get("/v1/invoices/" + invoice1.path("id").asText() + "/pdf", createAgency("fees-elsewhere", "monthly-fee")),
                404, "not_found");
        JsonNode invoice2 = issue(admin, List.of(feb), "Idempotency-Key", "issue-feb").json().path("items").get(0);
        assertEquals(2, invoice2.path("number").asLong());
        Answer retried = issue(admin, List.of(feb), "Idempotency-Key", "issue-feb");
        assertEquals("a retry with the same key returns the first result: " + retried.body(), 201, retried.status());
        assertEquals(invoice2.path("id").asText(), retried.json().path("items").get(0).path("id").asText());
        assertProblem(issue(admin, List.of(jan)), 409, "conflict");
        assertEquals(0, get("/v1/pre-billing", admin).json().path("items").size());
        assertEquals("BILLED", entries(admin, feeId).get(0).path("status").asText());
        assertEquals(invoice1.path("id").asText(), entries(admin, feeId).get(0).path("invoiceId").asText());

        // partial payment, a retried one (same Idempotency-Key) counted once, overpayment refused, then settled
        String id1 = invoice1.path("id").asText();
        Answer partial = pay(admin, id1, "500.00", "pay-1");
        assertEquals(partial.body(), 200, partial.status());
        assertEquals("OPEN", partial.json().path("status").asText());
        assertEquals("500.00", partial.json().path("paid").asText());
        assertEquals("700.00", partial.json().path("balance").asText());
        assertEquals("500.00", pay(admin, id1, "500.00", "pay-1").json().path("paid").asText());
        assertEquals("500.00", get("/v1/invoices/" + id1, admin).json().path("paid").asText());
        assertTrue(fields(assertProblem(pay(admin, id1, "700.01", "pay-2"), 400, "validation_failed")).contains("amount"));
        Answer settled = pay(admin, id1, "700.00", "pay-3");
        assertEquals(settled.body(), 200, settled.status());
        assertEquals("PAID", settled.json().path("status").asText());
        assertEquals("0.00", settled.json().path("balance").asText());
        assertEquals(2, settled.json().path("payments").size());
        assertProblem(call("POST", "/v1/invoices/" + id1 + "/cancel", bearer(admin), null, null), 409, "conflict");
        assertEquals(1, get("/v1/invoices?status=PAID&customerId=" + customerId, admin).json().path("items").size());
        assertEquals(2, get("/v1/invoices?customerId=" + customerId, admin).json().path("items").size());

        // cancelling an unpaid invoice returns its entry to pre-billing; the next invoice number is 3
        Answer cancelled = call("POST", "/v1/invoices/" + invoice2.path("id").asText() + "/cancel", bearer(admin), null, null);
        assertEquals(cancelled.body(), 200, cancelled.status());
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        assertEquals(feb, get("/v1/pre-billing", admin).json().path("items").get(0).path("entryId").asText());
        assertEquals(3, issue(admin, List.of(feb)).json().path("items").get(0).path("number").asLong());

        // the signed contract: checked by its bytes, bounded in size, downloadable
        String pdf = "%PDF-1.4\n% signed contract\n1 0 obj << >> endobj\n%%EOF\n";
        Answer uploaded = call("PUT", "/v1/monthly-fees/" + feeId + "/document", bearer(admin), "application/pdf", pdf);
        assertEquals(uploaded.body(), 200, uploaded.status());
        assertEquals("application/pdf", uploaded.json().path("document").path("contentType").asText());
        Answer download = get("/v1/monthly-fees/" + feeId + "/document", admin);
        assertEquals(200, download.status());
        assertEquals(pdf, download.body());
        assertTrue(download.contentType().startsWith("application/pdf"));
        assertProblem(call("PUT", "/v1/monthly-fees/" + feeId + "/document", bearer(admin), "application/pdf", "just text, no PDF"),
                415, "unsupported_media_type");
        assertProblem(call("PUT", "/v1/monthly-fees/" + feeId + "/document", bearer(admin), "image/png", pdf),
                415, "unsupported_media_type");
        assertProblem(call("PUT", "/v1/monthly-fees/" + feeId + "/document", bearer(admin), "application/pdf",
                "%PDF-1.4\n" + "x".repeat(DOCUMENT_MAX_BYTES)), 413, "payload_too_large");

        // cancelling the fee never rewrites billed entries; March (unbilled) is cancelled
        assertEquals(204, call("DELETE", "/v1/monthly-fees/" + feeId, bearer(admin), null, null).status());
        entries = entries(admin, feeId);
        assertEquals(List.of("BILLED", "BILLED", "CANCELLED"), entries.stream().map(e -> e.path("status").asText()).toList());
        assertEquals(mar, entries.get(2).path("id").asText());
        assertEquals("1200.00", entries.get(0).path("amount").asText());
        assertEquals("CANCELLED", get("/v1/monthly-fees/" + feeId, admin).json().path("status").asText());
        assertProblem(call("PATCH", "/v1/monthly-fees/" + feeId, bearer(admin), "application/json", "{\"amount\":\"5.00\"}"),
                409, "conflict");
    }

    @Test
    public void aCustomerWithoutACompleteAddressCannotBeInvoiced() {
        String admin = createAgency("no-address", "monthly-fee");
        String customerId = customer(admin, "Sem Endereço", false);
        String entryId = entries(admin, fee(admin, customerId, "300.00", "2026-01-01", "2026-01-31", 10).path("id").asText())
                .get(0).path("id").asText();
        approve(admin, entryId);
        JsonNode problem = assertProblem(issue(admin, List.of(entryId)), 400, "validation_failed");
        assertEquals(List.of("address"), fields(problem));
        assertEquals("nothing was billed", 1, get("/v1/pre-billing", admin).json().path("items").size());
        assertEquals(0, get("/v1/invoices", admin).json().path("items").size());

        // once the address is complete the same entry is invoiced, as number 1 (the refused attempt used no number)
        Answer patched = call("PATCH", "/v1/customers/" + customerId, bearer(admin), "application/json", toJson(Map.of("address", address())));
        assertEquals(patched.body(), 200, patched.status());
        Answer issued = issue(admin, List.of(entryId));
        assertEquals(issued.body(), 201, issued.status());
        assertEquals(1, issued.json().path("items").get(0).path("number").asLong());
    }

    @Test
    public void anInvoiceBillsTheChosenLegalEntityOfItsCustomerOnly() {
        String admin = createAgency("legal-entity", "monthly-fee");
        String customerId = customer(admin, "Grupo Matriz", true);
        String otherCustomer = customer(admin, "Outro Cliente", true);
        Answer entity = post("/v1/customers/" + customerId + "/legal-entities", admin, Map.of("name", "Matriz Berlin GmbH",
                "taxId", "DE123456789", "address", Map.of("postalCode", "10115", "street", "Invalidenstraße", "number", "100",
                        "city", "Berlin", "state", "BE", "country", "DE")));
        assertEquals(entity.body(), 201, entity.status());
        String entityId = entity.json().path("id").asText();
        String own = entries(admin, fee(admin, customerId, "10.00", "2026-01-01", "2026-01-31", 1).path("id").asText())
                .get(0).path("id").asText();
        String foreign = entries(admin, fee(admin, otherCustomer, "20.00", "2026-01-01", "2026-01-31", 1).path("id").asText())
                .get(0).path("id").asText();
        approve(admin, own);
        approve(admin, foreign);
        JsonNode refused = assertProblem(call("POST", "/v1/pre-billing/invoices", bearer(admin), "application/json",
                toJson(Map.of("entryIds", List.of(own, foreign), "legalEntityId", entityId))), 400, "validation_failed");
        assertEquals(List.of("legalEntityId"), fields(refused));
        Answer issued = call("POST", "/v1/pre-billing/invoices", bearer(admin), "application/json",
                toJson(Map.of("entryIds", List.of(own), "legalEntityId", entityId)));
        assertEquals(issued.body(), 201, issued.status());
        JsonNode invoice = issued.json().path("items").get(0);
        assertEquals(entityId, invoice.path("legalEntityId").asText());
        assertEquals("Matriz Berlin GmbH", invoice.path("legalEntityName").asText());
        assertEquals("Berlin", invoice.path("address").path("city").asText());
        assertEquals(1, invoice.path("number").asLong());
    }

    @Test
    public void concurrentIssuingGivesGaplessUniqueNumbersAndBillsNoEntryTwice() throws Exception {
        String admin = createAgency("concurrent", "monthly-fee");
        int customers = 6;
        int months = 4;
        List<List<String>> entriesByCustomer = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String customerId = customer(admin, "Cliente " + c, true);
            List<String> ids = entries(admin, fee(admin, customerId, (100 + c) + ".50", "2026-01-01", "2026-04-30", 5).path("id").asText())
                    .stream().map(e -> e.path("id").asText()).toList();
            assertEquals(months, ids.size());
            ids.forEach(id -> approve(admin, id));
            entriesByCustomer.add(ids);
        }
        String contested = entriesByCustomer.get(0).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        try {
            List<Callable<List<Answer>>> work = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                List<String> own = entriesByCustomer.get(c);
                work.add(() -> {
                    List<Answer> answers = new ArrayList<>();
                    answers.add(issue(admin, List.of(contested))); // every thread fights for the same entry once
                    for (String id : own) {
                        if (!id.equals(contested)) {
                            answers.add(issue(admin, List.of(id)));
                        }
                    }
                    return answers;
                });
            }
            List<Answer> all = new ArrayList<>();
            for (Future<List<Answer>> f : pool.invokeAll(work)) {
                all.addAll(f.get());
            }
            int created = 0;
            int conflicts = 0;
            for (Answer a : all) {
                if (a.status() == 201) {
                    created++;
                } else {
                    assertProblem(a, 409, "conflict");
                    conflicts++;
                }
            }
            int distinctEntries = customers * months;
            assertEquals("one invoice per entry: " + all, distinctEntries, created);
            assertEquals("every thread but one lost the contested entry", customers - 1, conflicts);
        } finally {
            pool.shutdownNow();
        }
        List<Long> numbers = new ArrayList<>();
        Map<String, Integer> billedTimes = new HashMap<>();
        Answer list = get("/v1/invoices?limit=500", admin);
        for (JsonNode invoice : list.json().path("items")) {
            numbers.add(invoice.path("number").asLong());
            for (JsonNode line : invoice.path("lines")) {
                billedTimes.merge(line.path("entryId").asText(), 1, Integer::sum);
            }
        }
        Collections.sort(numbers);
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= customers * months; n++) {
            expected.add(n);
        }
        assertEquals("gapless and unique", expected, numbers);
        assertEquals(customers * months, billedTimes.size());
        assertTrue(billedTimes.toString(), billedTimes.values().stream().allMatch(n -> n == 1));
        assertEquals(0, get("/v1/pre-billing", admin).json().path("items").size());
    }

    @Test
    public void theModuleAnswersOnlyForSubscribedAgenciesAndKeepsTenantsApart() throws Exception {
        String subscribed = createAgency("fee-tenant", "monthly-fee");
        String other = createAgency("fee-other", "monthly-fee");
        String without = createAgency("no-fees");
        for (String path : List.of("/v1/monthly-fees", "/v1/invoices", "/v1/estimates", "/v1/pre-billing")) {
            assertProblem(get(path, without), 403, "module_not_enabled");
        }
        String feeId = fee(subscribed, customer(subscribed, "Só Meu", true), "50.00", "2026-01-01", null, 10).path("id").asText();
        assertProblem(get("/v1/monthly-fees/" + feeId, other), 404, "not_found");
        assertProblem(get("/v1/monthly-fees/" + feeId + "/entries", other), 404, "not_found");
        assertEquals(0, get("/v1/monthly-fees", other).json().path("items").size());
        // an open-ended fee has entries up to a year ahead; generator runs (every second here) never duplicate a month
        List<JsonNode> entries = entries(subscribed, feeId);
        assertTrue(entries.size() >= 12);
        Thread.sleep(3000);
        List<String> months = entries(subscribed, feeId).stream().map(e -> e.path("month").asText()).toList();
        assertEquals(entries.size(), months.size());
        assertEquals(months.size(), new java.util.HashSet<>(months).size());
        assertEquals(YearMonth.now(ZoneOffset.UTC).plusMonths(12).toString(), months.get(months.size() - 1));
    }

    @Test
    public void theModuleUninstallsAndReinstallsLiveWithItsDataIntact() throws Exception {
        String admin = createAgency("fee-live", "monthly-fee");
        String customerId = customer(admin, "Persistente", true);
        String feeId = fee(admin, customerId, "75.25", "2026-01-01", "2026-06-30", 15).path("id").asText();
        assertEquals(6, entries(admin, feeId).size());
        assertTrue("the module's own persistence unit (Aries JPA, EclipseLink) is up", unitRegistered());
        // the other modules' units and the JPA runtime stay as they are while this module leaves and returns
        Object budgetUnit = unitServiceId("budget");
        assertNotNull("the budget module's unit is up", budgetUnit);
        Set<String> runtime = Set.of("javax.persistence", "org.apache.aries.jpa.container", "org.eclipse.persistence.core",
                "org.eclipse.persistence.jpa", "io.clientele.platform.jpa");
        Set<String> restarted = ConcurrentHashMap.newKeySet();
        SynchronousBundleListener watch = event -> {
            if (event.getType() == BundleEvent.STOPPED && runtime.contains(event.getBundle().getSymbolicName())) {
                restarted.add(event.getBundle().getSymbolicName());
            }
        };
        bundleContext.addBundleListener(watch);
        try {
            featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("monthly fee endpoints gone", 20, () -> get("/v1/monthly-fees/" + feeId, admin).status() == 404);
            assertProblem(get("/v1/monthly-fees", admin), 404, "not_found");
            assertEquals("the core keeps serving", 200, get("/v1/customers/" + customerId, admin).status());
            assertFalse("the persistence unit left with the module", unitRegistered());
        } finally {
            featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        await("monthly fee endpoints back", 20, () -> get("/v1/monthly-fees/" + feeId, admin).status() == 200);
        JsonNode fee = get("/v1/monthly-fees/" + feeId, admin).json();
        assertEquals("75.25", fee.path("amount").asText());
        assertEquals(6, entries(admin, feeId).size());
        assertTrue("and came back with it", unitRegistered());
        bundleContext.removeBundleListener(watch);
        assertEquals("JPA runtime bundles stopped by the module's uninstall/install", Set.of(), restarted);
        assertEquals("the budget module's unit was not rebuilt", budgetUnit, unitServiceId("budget"));
    }

    /** The service id of a unit's EntityManagerFactory service, or null when it is not registered. */
    private Object unitServiceId(String unit) throws Exception {
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory",
                "(osgi.unit.name=" + unit + ")");
        return refs == null ? null : refs[0].getProperty("service.id");
    }

    /** Whether the module's EntityManagerFactory service (Aries JPA registers one per unit) is registered. */
    private boolean unitRegistered() throws Exception {
        return bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory", "(osgi.unit.name=monthly-fee)") != null;
    }

    @Test
    public void anEstimateIsEmailedToThePrimaryContactOnceAndThenDecided() throws Exception {
        String admin = createAgency("estimates", "monthly-fee");
        String customerId = customer(admin, "Orçamentos SA", true);
        assertProblem(post("/v1/estimates", admin, Map.of("customerId", customerId, "title", "t", "lines",
                List.of(Map.of("description", "d", "quantity", 0, "unitPrice", "1.00")))), 400, "validation_failed");
        Answer created = post("/v1/estimates", admin, Map.of("customerId", customerId, "title", "Website redesign", "lines", List.of(
                Map.of("description", "Design", "quantity", 2, "unitPrice", "1500.00"),
                Map.of("description", "Hosting", "quantity", 1.5, "unitPrice", "99.99"))));
        assertEquals(created.body(), 201, created.status());
        JsonNode estimate = created.json();
        String id = estimate.path("id").asText();
        assertEquals("DRAFT", estimate.path("status").asText());
        assertEquals("3149.99", estimate.path("total").asText()); // 3000.00 + 149.985 rounded half-up to 149.99
        assertProblem(call("POST", "/v1/estimates/" + id + "/accept", bearer(admin), null, null), 409, "conflict");

        // no primary contact with an e-mail yet
        assertProblem(call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null), 400, "validation_failed");
        Answer contact = post("/v1/customers/" + customerId + "/contacts", admin,
                Map.of("name", "Maria Compras", "email", "maria@orcamentos.test", "primary", true));
        assertEquals(contact.body(), 201, contact.status());

        // the operator switches the agency to English: the estimate's mail is written in English
        Answer english = operator("PUT", "/v1/platform/agencies/estimates/locale", Map.of("locale", "en"));
        assertEquals(english.body(), 200, english.status());
        assertEquals("en", english.json().path("locale").asText());
        assertProblem(operator("PUT", "/v1/platform/agencies/estimates/locale", Map.of("locale", "fr")), 400, "validation_failed");
        Answer sent = call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null, "Idempotency-Key", "send-once");
        assertEquals(sent.body(), 200, sent.status());
        assertEquals("SENT", sent.json().path("status").asText());
        assertEquals("maria@orcamentos.test", sent.json().path("sentTo").asText());
        Answer repeated = call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null, "Idempotency-Key", "send-once");
        assertEquals(repeated.body(), 200, repeated.status());
        assertEquals(sent.json().path("sentAt").asText(), repeated.json().path("sentAt").asText());
        await("the estimate's e-mail", 20, () -> mailbox.messages().length >= 1);
        Thread.sleep(2000);
        MimeMessage[] received = mailbox.messages();
        assertEquals("sent once", 1, received.length);
        assertEquals("Estimate: Website redesign", received[0].getSubject());
        assertEquals("maria@orcamentos.test", received[0].getAllRecipients()[0].toString());

        Answer accepted = call("POST", "/v1/estimates/" + id + "/accept", bearer(admin), null, null);
        assertEquals(accepted.body(), 200, accepted.status());
        assertEquals("ACCEPTED", accepted.json().path("status").asText());
        // staff recorded the customer's answer: who (the user) and when, no contact
        JsonNode decided = get("/v1/estimates/" + id, admin).json();
        assertFalse(decided.toString(), decided.path("decidedAt").isNull());
        assertEquals(get("/v1/me", admin).json().path("id").asText(), decided.path("decidedByUserId").asText());
        assertTrue(decided.path("decidedByContactId").isNull());
        // the estimate as a PDF, in the agency's language (now English)
        String text = PdfText.of(bundleContext, binary("/v1/estimates/" + id + "/pdf", admin), "estimate-" + id + ".pdf");
        for (String expected : List.of("Estimate", "Website redesign", "Status: Accepted", "Orçamentos SA Ltda", "Praça da Sé, 1",
                "Design", "R$1,500.00", "R$3,149.99", "Accepted on")) {
            assertTrue("'" + expected + "' in:\n" + text, text.contains(expected));
        }
        assertProblem(get("/v1/estimates/" + id + "/pdf", createAgency("estimates-elsewhere", "monthly-fee")), 404, "not_found");
        assertProblem(call("POST", "/v1/estimates/" + id + "/decline", bearer(admin), null, null), 409, "conflict");
        assertProblem(call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null), 409, "conflict");
        assertEquals(1, get("/v1/estimates", admin).json().path("items").size());
        List<String> actions = get("/v1/customers/" + customerId + "/history", admin).json().path("items").findValuesAsText("action");
        assertTrue(actions.toString(), actions.containsAll(List.of("CREATED", "SENT", "ACCEPTED")));
    }
}
