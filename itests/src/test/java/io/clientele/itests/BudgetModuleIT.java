package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The module "budget" through HTTP: budgets and entries, the budget management report and its export,
 * restricted customers, tenancy, the module gate and a live uninstall/reinstall.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BudgetModuleIT extends ClienteleTestSupport {

    private String user(String admin, String agency, String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase() + "@" + agency + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String loginAs(String agency, String name) {
        return login(agency, name.toLowerCase() + "@" + agency + ".test", "passphrase of " + name);
    }

    private String customer(String token, Map<String, Object> fields) {
        Answer a = post("/v1/customers", token, fields);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private JsonNode budget(String token, String customerId, String campaign, String amount) {
        Answer a = post("/v1/budgets", token, Map.of("customerId", customerId, "campaign", campaign, "amount", amount,
                "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-12-31"));
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    private JsonNode entry(String token, String budgetId, String kind, String amount) {
        Answer a = post("/v1/budgets/" + budgetId + "/entries", token, Map.of("kind", kind, "amount", amount, "description", kind + " " + amount));
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> out = new TreeSet<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    private static Map<String, JsonNode> byBudget(JsonNode report) {
        Map<String, JsonNode> out = new HashMap<>();
        report.path("items").forEach(i -> out.put(i.path("budgetId").asText(), i));
        return out;
    }

    @Test
    public void budgetsAreCreatedChangedAndDeletedWithHistoryOnTheCustomer() {
        String admin = createAgency("bud-crud", "budget");
        String acme = customer(admin, Map.of("name", "Acme", "companyName", "Acme Ltd"));

        Answer created = post("/v1/budgets", admin, Map.of("customerId", acme, "campaign", "Spring launch", "amount", "1000",
                "currency", "BRL", "startDate", "2026-03-01", "endDate", "2026-05-31"));
        assertEquals(created.body(), 201, created.status());
        JsonNode b = created.json();
        String id = b.path("id").asText();
        assertTrue(created.header("Location").endsWith("/api/v1/budgets/" + id));
        assertEquals("\"0\"", created.header("ETag"));
        assertEquals("1000.00", b.path("amount").asText());
        assertEquals("BRL", b.path("currency").asText());
        assertEquals("2026-03-01", b.path("startDate").asText());

        JsonNode bad = assertProblem(post("/v1/budgets", admin, Map.of("customerId", "00000000-0000-0000-0000-000000000000",
                "campaign", " ", "amount", "10.123", "currency", "ABC", "startDate", "2026-05-01", "endDate", "2026-04-30")),
                400, "validation_failed");
        assertEquals(Set.of("customerId", "campaign", "amount", "currency", "endDate"), fields(bad));
        assertEquals(Set.of("amount"), fields(assertProblem(post("/v1/budgets", admin, Map.of("customerId", acme, "campaign", "X",
                "amount", "-5", "currency", "EUR", "startDate", "2026-01-01", "endDate", "2026-01-01")), 400, "validation_failed")));
        assertEquals(Set.of("amount"), fields(assertProblem(post("/v1/budgets", admin, Map.of("customerId", acme, "campaign", "X",
                "amount", "0.00", "currency", "EUR", "startDate", "2026-01-01", "endDate", "2026-01-01")), 400, "validation_failed")));
        assertEquals(Set.of("startDate"), fields(assertProblem(post("/v1/budgets", admin, Map.of("customerId", acme, "campaign", "X",
                "amount", "1", "currency", "EUR", "startDate", "2026-13-45", "endDate", "2026-01-01")), 400, "validation_failed")));

        // paged list of the customer's budgets
        String second = budget(admin, acme, "Autumn", "50.5").path("id").asText();
        JsonNode page1 = get("/v1/budgets?customerId=" + acme + "&limit=1", admin).json();
        assertEquals(1, page1.path("items").size());
        assertEquals(id, page1.path("items").get(0).path("id").asText());
        assertFalse(page1.path("nextCursor").isNull());
        JsonNode page2 = get("/v1/budgets?customerId=" + acme + "&limit=1&cursor=" + page1.path("nextCursor").asText(), admin).json();
        assertEquals(second, page2.path("items").get(0).path("id").asText());
        assertTrue(page2.path("nextCursor").isNull());
        assertEquals("50.50", page2.path("items").get(0).path("amount").asText());
        assertProblem(get("/v1/budgets?cursor=garbage", admin), 400, "validation_failed");

        // optimistic locking
        assertEquals("\"0\"", get("/v1/budgets/" + id, admin).header("ETag"));
        assertProblem(call("PATCH", "/v1/budgets/" + id, bearer(admin), "application/json", "{\"amount\":\"1.00\"}", "If-Match", "\"7\""),
                412, "precondition_failed");
        assertEquals("1000.00", get("/v1/budgets/" + id, admin).json().path("amount").asText());
        Answer patched = call("PATCH", "/v1/budgets/" + id, bearer(admin), "application/json",
                "{\"amount\":\"1200.00\",\"campaign\":\"Spring launch 2026\"}", "If-Match", "\"0\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("\"1\"", patched.header("ETag"));
        assertEquals("1200.00", patched.json().path("amount").asText());
        assertEquals(Set.of("customerId"), fields(assertProblem(call("PATCH", "/v1/budgets/" + id, bearer(admin), "application/json",
                "{\"customerId\":\"" + acme + "\"}"), 400, "validation_failed")));
        assertEquals(Set.of("endDate"), fields(assertProblem(call("PATCH", "/v1/budgets/" + id, bearer(admin), "application/json",
                "{\"endDate\":\"2026-02-01\"}"), 400, "validation_failed")));

        // entries: in the budget's currency only
        JsonNode commitment = entry(admin, id, "COMMITTED", "300");
        assertEquals("300.00", commitment.path("amount").asText());
        assertEquals("BRL", commitment.path("currency").asText());
        assertTrue(commitment.path("open").asBoolean());
        JsonNode mismatch = assertProblem(post("/v1/budgets/" + id + "/entries", admin,
                Map.of("kind", "SPENT", "amount", "10.00", "currency", "USD")), 400, "validation_failed");
        assertEquals(Set.of("currency"), fields(mismatch));
        assertEquals(Set.of("kind", "amount"), fields(assertProblem(post("/v1/budgets/" + id + "/entries", admin,
                Map.of("kind", "REFUNDED", "amount", "1.001")), 400, "validation_failed")));
        assertEquals(Set.of("currency"), fields(assertProblem(call("PATCH", "/v1/budgets/" + id, bearer(admin), "application/json",
                "{\"currency\":\"USD\"}"), 400, "validation_failed")));
        Answer entries = get("/v1/budgets/" + id + "/entries", admin);
        assertEquals(1, entries.json().path("items").size());

        // an Idempotency-Key makes a retried entry count once
        Answer first = call("POST", "/v1/budgets/" + id + "/entries", bearer(admin), "application/json",
                "{\"kind\":\"SPENT\",\"amount\":\"20.00\"}", "Idempotency-Key", "spend-once");
        Answer repeat = call("POST", "/v1/budgets/" + id + "/entries", bearer(admin), "application/json",
                "{\"kind\":\"SPENT\",\"amount\":\"20.00\"}", "Idempotency-Key", "spend-once");
        assertEquals(first.body(), 201, first.status());
        assertEquals(first.json().path("id").asText(), repeat.json().path("id").asText());
        assertEquals(2, get("/v1/budgets/" + id + "/entries", admin).json().path("items").size());

        // history on the customer
        JsonNode history = get("/v1/customers/" + acme + "/history?limit=100", admin).json();
        List<String> seen = new ArrayList<>();
        history.path("items").forEach(h -> seen.add(h.path("entity").asText() + ":" + h.path("action").asText()));
        assertTrue(seen.toString(), seen.contains("budget:CREATED"));
        assertTrue(seen.toString(), seen.contains("budget:UPDATED"));
        assertTrue(seen.toString(), seen.contains("budget-entry:CREATED"));
        assertTrue(history.toString(), history.toString().contains("\"field\":\"amount\",\"from\":\"1000.00\",\"to\":\"1200.00\""));

        // another agency's budget reads as missing
        String other = createAgency("bud-other", "budget");
        assertProblem(get("/v1/budgets/" + id, other), 404, "not_found");
        assertProblem(call("PATCH", "/v1/budgets/" + id, bearer(other), "application/json", "{\"campaign\":\"Mine\"}"), 404, "not_found");
        assertProblem(call("DELETE", "/v1/budgets/" + id, bearer(other), null, null), 404, "not_found");
        assertProblem(get("/v1/budgets/" + id + "/entries", other), 404, "not_found");
        assertProblem(post("/v1/budgets/" + id + "/entries", other, Map.of("kind", "SPENT", "amount", "1.00")), 404, "not_found");
        assertProblem(get("/v1/budget-entries/" + commitment.path("id").asText(), other), 404, "not_found");
        assertEquals(Set.of("customerId"), fields(assertProblem(post("/v1/budgets", other, Map.of("customerId", acme, "campaign", "X",
                "amount", "1", "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-01-02")), 400, "validation_failed")));
        assertEquals(0, get("/v1/budgets", other).json().path("items").size());
        assertEquals(0, get("/v1/reports/budget-management", other).json().path("items").size());

        // an agency not subscribed to the module
        String without = createAgency("bud-without");
        assertProblem(get("/v1/budgets", without), 403, "module_not_enabled");
        assertProblem(get("/v1/budgets/" + id, without), 403, "module_not_enabled");
        assertProblem(get("/v1/reports/budget-management", without), 403, "module_not_enabled");
        assertProblem(get("/v1/settings/budget", without), 403, "module_not_enabled");

        // delete
        assertProblem(call("DELETE", "/v1/budgets/" + id, bearer(admin), null, null, "If-Match", "\"0\""), 412, "precondition_failed");
        assertEquals(204, call("DELETE", "/v1/budgets/" + id, bearer(admin), null, null).status());
        assertProblem(get("/v1/budgets/" + id, admin), 404, "not_found");
        assertEquals(1, get("/v1/budgets?customerId=" + acme, admin).json().path("items").size());
        assertTrue(get("/v1/customers/" + acme + "/history?limit=100", admin).body().contains("\"action\":\"DELETED\""));
    }

    @Test
    public void reportNumbersAddUpFromEntriesAndFlagWarningAndOverspent() {
        String admin = createAgency("bud-report", "budget");
        user(admin, "bud-report", "Sid", "SERVICE");
        String acme = customer(admin, Map.of("name", "Acme", "companyName", "Acme Ltd"));
        String zeta = customer(admin, Map.of("name", "Zeta", "companyName", "Zeta Ltd"));
        String warning = budget(admin, acme, "Launch", "1000.00").path("id").asText();
        String overspent = budget(admin, acme, "=cmd()", "100.00").path("id").asText();
        String ok = budget(admin, zeta, "Quiet", "500.00").path("id").asText();

        entry(admin, warning, "COMMITTED", "300.00");
        entry(admin, warning, "SPENT", "450.00");
        String toSpend = entry(admin, warning, "COMMITTED", "100.00").path("id").asText();
        Answer spent = post("/v1/budget-entries/" + toSpend + "/spend", admin, Map.of("amount", "80.00"));
        assertEquals(spent.body(), 201, spent.status());
        assertEquals("SPENT", spent.json().path("kind").asText());
        assertEquals("80.00", spent.json().path("amount").asText());
        assertEquals(toSpend, spent.json().path("commitmentId").asText());
        JsonNode settled = get("/v1/budget-entries/" + toSpend, admin).json();
        assertFalse(settled.path("open").asBoolean());
        assertEquals(spent.json().path("id").asText(), settled.path("spentEntryId").asText());
        assertProblem(post("/v1/budget-entries/" + toSpend + "/spend", admin, Map.of()), 409, "conflict");
        assertProblem(post("/v1/budget-entries/" + spent.json().path("id").asText() + "/spend", admin, Map.of()), 409, "conflict");

        entry(admin, overspent, "COMMITTED", "60.00");
        String whole = entry(admin, overspent, "COMMITTED", "40.01").path("id").asText();
        assertEquals("40.01", post("/v1/budget-entries/" + whole + "/spend", admin, Map.of()).json().path("amount").asText());
        entry(admin, ok, "COMMITTED", "10.00");

        JsonNode report = get("/v1/reports/budget-management", admin).json();
        assertEquals(3, report.path("items").size());
        Map<String, JsonNode> items = byBudget(report);
        JsonNode w = items.get(warning);
        assertEquals(acme, w.path("customerId").asText());
        assertEquals("Acme", w.path("customerName").asText());
        assertEquals("Launch", w.path("campaign").asText());
        assertEquals("1000.00", w.path("amount").asText());
        assertEquals("300.00", w.path("committed").asText());
        assertEquals("530.00", w.path("spent").asText());
        assertEquals("170.00", w.path("remaining").asText());
        assertEquals("83.00", w.path("percentUsed").asText());
        assertEquals("WARNING", w.path("state").asText());
        JsonNode o = items.get(overspent);
        assertEquals("60.00", o.path("committed").asText());
        assertEquals("40.01", o.path("spent").asText());
        assertEquals("-0.01", o.path("remaining").asText());
        assertEquals("100.01", o.path("percentUsed").asText());
        assertEquals("OVERSPENT", o.path("state").asText());
        JsonNode k = items.get(ok);
        assertEquals("490.00", k.path("remaining").asText());
        assertEquals("2.00", k.path("percentUsed").asText());
        assertEquals("OK", k.path("state").asText());

        // filters and sort
        assertEquals(Set.of(warning, overspent), byBudget(get("/v1/reports/budget-management?overThreshold=true", admin).json()).keySet());
        assertEquals(Set.of(ok), byBudget(get("/v1/reports/budget-management?overThreshold=false", admin).json()).keySet());
        assertEquals(Set.of(overspent), byBudget(get("/v1/reports/budget-management?state=OVERSPENT", admin).json()).keySet());
        assertEquals(Set.of(ok), byBudget(get("/v1/reports/budget-management?customerId=" + zeta, admin).json()).keySet());
        assertEquals(Set.of(), byBudget(get("/v1/reports/budget-management?to=2025-12-31", admin).json()).keySet());
        assertEquals(3, get("/v1/reports/budget-management?from=2026-06-01&to=2026-06-30", admin).json().path("items").size());
        JsonNode sorted = get("/v1/reports/budget-management?sort=-percentUsed", admin).json().path("items");
        assertEquals(List.of(overspent, warning, ok), List.of(sorted.get(0).path("budgetId").asText(),
                sorted.get(1).path("budgetId").asText(), sorted.get(2).path("budgetId").asText()));
        assertEquals(Set.of("sort"), fields(assertProblem(get("/v1/reports/budget-management?sort=colour", admin), 400, "validation_failed")));
        assertEquals(Set.of("state"), fields(assertProblem(get("/v1/reports/budget-management?state=GREAT", admin), 400, "validation_failed")));
        assertEquals(Set.of("from"), fields(assertProblem(get("/v1/reports/budget-management?from=2026-13-45", admin), 400, "validation_failed")));

        // the agency's threshold
        assertEquals("80.00", get("/v1/settings/budget", admin).json().path("warningThresholdPercent").asText());
        assertProblem(call("PUT", "/v1/settings/budget", bearer(loginAs("bud-report", "Sid")), "application/json",
                "{\"warningThresholdPercent\":\"90\"}"), 403, "forbidden");
        assertEquals(Set.of("warningThresholdPercent"), fields(assertProblem(call("PUT", "/v1/settings/budget", bearer(admin),
                "application/json", "{\"warningThresholdPercent\":\"100.01\"}"), 400, "validation_failed")));
        Answer put = call("PUT", "/v1/settings/budget", bearer(admin), "application/json", "{\"warningThresholdPercent\":\"83.01\"}");
        assertEquals(put.body(), 200, put.status());
        assertEquals("83.01", put.json().path("warningThresholdPercent").asText());
        assertEquals("OK", byBudget(get("/v1/reports/budget-management", admin).json()).get(warning).path("state").asText());
        call("PUT", "/v1/settings/budget", bearer(admin), "application/json", "{\"warningThresholdPercent\":\"83.00\"}");
        assertEquals("WARNING", byBudget(get("/v1/reports/budget-management", admin).json()).get(warning).path("state").asText());

        // export: same numbers, a formula-like campaign neutralised
        Answer csv = get("/v1/reports/budget-management/export?format=csv&sort=campaign", admin);
        assertEquals(csv.body(), 200, csv.status());
        assertTrue(csv.contentType(), csv.contentType().startsWith("text/csv"));
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0], lines[0].startsWith("budgetId,customerId,customerName,campaign,currency,amount,committed,spent,remaining,percentUsed,state"));
        assertTrue(lines[1], lines[1].contains(",Acme,'=cmd(),BRL,100.00,60.00,40.01,-0.01,100.01,OVERSPENT,"));
        assertFalse(csv.body().contains(",=cmd()"));
        assertTrue(lines[2], lines[2].contains(",Acme,Launch,BRL,1000.00,300.00,530.00,170.00,83.00,WARNING,"));
        Answer filtered = get("/v1/reports/budget-management/export?state=OK", admin);
        assertEquals(2, filtered.body().split("\r\n").length);
        Answer xlsx = call("GET", "/v1/reports/budget-management/export?format=xlsx", bearer(admin), null, null);
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.contentType(), xlsx.contentType().startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertTrue(xlsx.body().getBytes(StandardCharsets.ISO_8859_1).length > 0 && xlsx.body().startsWith("PK"));
        assertEquals(Set.of("format"), fields(assertProblem(get("/v1/reports/budget-management/export?format=pdf", admin), 400,
                "validation_failed")));
    }

    /**
     * Many budgets and entries in two agencies, with a restricted customer: each budget's committed (open commitments)
     * and spent totals, the threshold filter and the export are what adding up the entries by hand gives, for every
     * budget the caller may see and none other.
     */
    @Test
    public void reportTotalsOverManyBudgetsAreAddedUpPerBudgetVisibleOnesOnlyAndPerAgency() {
        String admin = createAgency("bud-many", "budget");
        String samId = user(admin, "bud-many", "Sam", "SERVICE");
        user(admin, "bud-many", "Olga", "SERVICE");
        String other = createAgency("bud-many-other", "budget");
        List<String> customers = List.of(customer(admin, Map.of("name", "Alpha", "companyName", "Alpha Ltd")),
                customer(admin, Map.of("name", "Beta", "companyName", "Beta Ltd")),
                customer(admin, Map.of("name", "Hidden", "companyName", "Hidden Ltd", "restricted", true, "serviceManagerId", samId)));
        String otherCustomer = customer(other, Map.of("name", "Alpha", "companyName", "Alpha Ltd"));
        java.util.Random random = new java.util.Random(17);
        Map<String, long[]> expected = new HashMap<>(); // budget -> amount, committed, spent (cents)
        Map<String, String> customerOf = new HashMap<>();
        for (int b = 0; b < 24; b++) {
            String customer = customers.get(b % 3);
            long amount = 10_000 + random.nextInt(90_000);
            String id = budget(admin, customer, "Campaign " + b, cents(amount)).path("id").asText();
            customerOf.put(id, customer);
            long committed = 0;
            long spent = 0;
            int entries = 4 + random.nextInt(8);
            for (int e = 0; e < entries; e++) {
                long value = 100 + random.nextInt((int) (amount / 4));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        entry(admin, id, "COMMITTED", cents(value));
                        committed += value;
                    }
                    case 1 -> {
                        entry(admin, id, "SPENT", cents(value));
                        spent += value;
                    }
                    default -> {
                        // a commitment settled for part of it: it stops counting as committed, the part counts as spent
                        String c = entry(admin, id, "COMMITTED", cents(value)).path("id").asText();
                        long part = Math.max(1, value / 2);
                        assertEquals(201, post("/v1/budget-entries/" + c + "/spend", admin, Map.of("amount", cents(part))).status());
                        spent += part;
                    }
                }
            }
            expected.put(id, new long[] {amount, committed, spent});
            // the other agency's budget for its customer, with entries of its own, never adds to these
            String theirs = budget(other, otherCustomer, "Campaign " + b, cents(amount)).path("id").asText();
            entry(other, theirs, "SPENT", cents(amount));
        }

        Map<String, JsonNode> report = byBudget(get("/v1/reports/budget-management", admin).json());
        assertEquals(expected.keySet(), report.keySet());
        java.util.Set<String> over = new java.util.HashSet<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] v = e.getValue();
            JsonNode line = report.get(e.getKey());
            assertEquals(e.getKey(), cents(v[1]), line.path("committed").asText());
            assertEquals(e.getKey(), cents(v[2]), line.path("spent").asText());
            assertEquals(e.getKey(), cents(v[0] - v[1] - v[2]), line.path("remaining").asText());
            long used = v[1] + v[2];
            String state = used > v[0] ? "OVERSPENT" : used * 100 >= 80 * v[0] ? "WARNING" : "OK";
            assertEquals(e.getKey(), state, line.path("state").asText());
            if (!state.equals("OK")) {
                over.add(e.getKey());
            }
        }
        assertFalse("the seed gives budgets over the threshold", over.isEmpty());
        assertFalse("and under it", over.size() == expected.size());
        assertEquals(over, byBudget(get("/v1/reports/budget-management?overThreshold=true", admin).json()).keySet());
        Set<String> under = new java.util.HashSet<>(expected.keySet());
        under.removeAll(over);
        assertEquals(under, byBudget(get("/v1/reports/budget-management?overThreshold=false", admin).json()).keySet());

        // a SERVICE user who may not see the restricted customer sees none of its budgets, in the report and the export
        String olga = loginAs("bud-many", "Olga");
        Set<String> visibleToOlga = new java.util.HashSet<>();
        customerOf.forEach((budget, customer) -> {
            if (!customer.equals(customers.get(2))) {
                visibleToOlga.add(budget);
            }
        });
        assertEquals(visibleToOlga, byBudget(get("/v1/reports/budget-management", olga).json()).keySet());
        Answer csv = get("/v1/reports/budget-management/export?format=csv&overThreshold=true", olga);
        assertEquals(200, csv.status());
        String[] lines = csv.body().split("\r\n");
        Set<String> overVisible = new java.util.HashSet<>(over);
        overVisible.retainAll(visibleToOlga);
        assertEquals(overVisible.size() + 1, lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            long[] v = expected.get(cells[0]);
            assertNotNull(lines[i], v);
            assertTrue(overVisible.contains(cells[0]));
            assertEquals(cents(v[1]), cells[6]);
            assertEquals(cents(v[2]), cells[7]);
        }
        // and the other agency sees only its own budgets, each with its one entry
        Map<String, JsonNode> theirs = byBudget(get("/v1/reports/budget-management", other).json());
        assertEquals(24, theirs.size());
        theirs.values().forEach(line -> {
            assertEquals(line.path("amount").asText(), line.path("spent").asText());
            assertEquals("0.00", line.path("committed").asText());
        });
    }

    private static String cents(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    @Test
    public void restrictedCustomersBudgetsAreAbsentForThoseNotAllowed() {
        String admin = createAgency("bud-restricted", "budget");
        String samId = user(admin, "bud-restricted", "Sam", "SERVICE");
        user(admin, "bud-restricted", "Olga", "SERVICE");
        String secret = customer(admin, Map.of("name", "Secret Client", "companyName", "Secret Ltd", "restricted", true,
                "serviceManagerId", samId));
        String open = customer(admin, Map.of("name", "Open Client", "companyName", "Open Ltd"));
        String hidden = budget(admin, secret, "Secret campaign", "100.00").path("id").asText();
        String visible = budget(admin, open, "Open campaign", "100.00").path("id").asText();
        String commitment = entry(admin, hidden, "COMMITTED", "10.00").path("id").asText();

        String sam = loginAs("bud-restricted", "Sam");
        assertEquals(Set.of(hidden, visible), byBudget(get("/v1/reports/budget-management", sam).json()).keySet());
        assertEquals(200, get("/v1/budgets/" + hidden, sam).status());

        String olga = loginAs("bud-restricted", "Olga");
        assertEquals(Set.of(visible), byBudget(get("/v1/reports/budget-management", olga).json()).keySet());
        assertFalse(get("/v1/reports/budget-management/export", olga).body().contains("Secret"));
        assertProblem(get("/v1/budgets/" + hidden, olga), 404, "not_found");
        assertProblem(get("/v1/budgets/" + hidden + "/entries", olga), 404, "not_found");
        assertProblem(get("/v1/budget-entries/" + commitment, olga), 404, "not_found");
        assertProblem(post("/v1/budget-entries/" + commitment + "/spend", olga, Map.of()), 404, "not_found");
        assertProblem(call("PATCH", "/v1/budgets/" + hidden, bearer(olga), "application/json", "{\"campaign\":\"x\"}"), 404, "not_found");
        JsonNode list = get("/v1/budgets", olga).json();
        assertEquals(1, list.path("items").size());
        assertEquals(visible, list.path("items").get(0).path("id").asText());
        assertEquals(0, get("/v1/budgets?customerId=" + secret, olga).json().path("items").size());
        assertEquals(Set.of("customerId"), fields(assertProblem(post("/v1/budgets", olga, Map.of("customerId", secret, "campaign", "X",
                "amount", "1", "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-01-02")), 400, "validation_failed")));
    }

    @Test
    public void uninstallingTheFeatureRemovesTheEndpointsAndReinstallingFindsTheDataIntact() throws Exception {
        String admin = createAgency("bud-live", "budget");
        String acme = customer(admin, Map.of("name", "Acme", "companyName", "Acme Ltd"));
        String id = budget(admin, acme, "Kept", "750.00").path("id").asText();
        entry(admin, id, "SPENT", "250.00");
        assertTrue(call("GET", "/v1/health", null, null, null).json().path("modules").toString().contains("budget"));
        assertTrue("the module's own persistence unit (Aries JPA, EclipseLink) is up", budgetUnitRegistered());
        assertEquals(Bundle.ACTIVE, bundle("org.apache.aries.jpa.container").getState());
        assertEquals(Bundle.ACTIVE, bundle("org.eclipse.persistence.jpa").getState());
        // installing or removing one module must not restart the JPA runtime under every other module's unit, nor
        // another module (iJob draws on budgets through a bundle that comes and goes with the budget module), nor the
        // core's contacts and their unit
        Object contactUnit = contactUnitServiceId();
        assertNotNull("the core's contact unit is up", contactUnit);
        Set<String> runtime = Set.of("javax.persistence", "org.apache.aries.jpa.container", "org.eclipse.persistence.core",
                "org.eclipse.persistence.jpa", "io.clientele.platform.jpa", "io.clientele.ijob.impl", "io.clientele.ijob.api",
                "io.clientele.contact.impl", "io.clientele.customer.impl");
        Set<String> restarted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SynchronousBundleListener watch = event -> {
            if (event.getType() == BundleEvent.STOPPED && runtime.contains(event.getBundle().getSymbolicName())) {
                restarted.add(event.getBundle().getSymbolicName());
            }
        };
        bundleContext.addBundleListener(watch);
        try {
            // what feature:uninstall clientele-budget does (the shell's feature commands need an admin subject)
            featuresService.uninstallFeature("clientele-budget");
            await("budget endpoints gone", 30, () -> get("/v1/budgets/" + id, admin).status() == 404);
            assertProblem(get("/v1/budgets/" + id, admin), 404, "not_found");
            assertProblem(get("/v1/reports/budget-management", admin), 404, "not_found");
            assertEquals(200, get("/v1/customers/" + acme, admin).status());
            assertFalse(call("GET", "/openapi.json", null, null, null).json().path("paths").has("/v1/budgets"));
            assertFalse("the persistence unit left with the module", budgetUnitRegistered());
        } finally {
            featuresService.installFeature("clientele-budget");
        }
        await("budget endpoints back", 30, () -> get("/v1/budgets/" + id, admin).status() == 200);
        JsonNode back = get("/v1/budgets/" + id, admin).json();
        assertEquals("Kept", back.path("campaign").asText());
        assertEquals("750.00", back.path("amount").asText());
        JsonNode line = byBudget(get("/v1/reports/budget-management", admin).json()).get(id);
        assertNotNull(line);
        assertEquals("250.00", line.path("spent").asText());
        assertEquals("500.00", line.path("remaining").asText());
        assertTrue(call("GET", "/openapi.json", null, null, null).json().path("paths").has("/v1/budgets"));
        assertTrue("and came back with it", budgetUnitRegistered());
        bundleContext.removeBundleListener(watch);
        assertEquals("JPA runtime and other modules' bundles stopped by the module's uninstall/install", Set.of(), restarted);
        assertEquals("the contact unit was not rebuilt", contactUnit, contactUnitServiceId());
    }

    /** The service id of the core's contact unit (its EntityManagerFactory service), or null when it is not registered. */
    private Object contactUnitServiceId() throws Exception {
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory",
                "(osgi.unit.name=contact)");
        return refs == null ? null : refs[0].getProperty("service.id");
    }

    /** Whether the budget module's EntityManagerFactory service (Aries JPA registers one per unit) is registered. */
    private boolean budgetUnitRegistered() throws Exception {
        return bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory", "(osgi.unit.name=budget)") != null;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
