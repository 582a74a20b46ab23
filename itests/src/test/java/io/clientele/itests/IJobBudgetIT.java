package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Jobs drawing on budgets through the real distribution: with the budget module a job's estimated cost is committed
 * against its customer's budget and the job shows what remains; without the budget module (feature uninstalled live)
 * the iJob endpoints keep working and budgetId is kept as given.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IJobBudgetIT extends ClienteleTestSupport {

    private String customer(String admin, String name) {
        Answer a = post("/v1/customers", admin, Map.of("name", name, "companyName", name + " Ltd"));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String budget(String admin, String customerId, String amount) {
        Answer a = post("/v1/budgets", admin, Map.of("customerId", customerId, "campaign", "Launch", "amount", amount,
                "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-12-31"));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private Answer openJob(String admin, String customerId, String budgetId, String estimatedCost) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("title", "Campaign video");
        body.put("budgetId", budgetId);
        if (estimatedCost != null) {
            body.put("estimatedCost", estimatedCost);
        }
        return post("/v1/jobs", admin, body);
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> out = new TreeSet<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    private JsonNode reportItem(String admin, String budgetId) {
        for (JsonNode i : get("/v1/reports/budget-management", admin).json().path("items")) {
            if (i.path("budgetId").asText().equals(budgetId)) {
                return i;
            }
        }
        throw new AssertionError("budget " + budgetId + " not in the budget management report");
    }

    @Test
    public void aJobCommitsItsEstimatedCostOnTheBudgetAndWorksWithoutTheBudgetModule() throws Exception {
        String admin = createAgency("jobbud", "budget", "ijob");
        String acme = customer(admin, "Acme");
        String globex = customer(admin, "Globex");
        String budgetId = budget(admin, acme, "1000.00");
        String globexBudget = budget(admin, globex, "500.00");

        // a job with an estimated cost draws on its customer's budget
        Answer opened = openJob(admin, acme, budgetId, "250.00");
        assertEquals(opened.body(), 201, opened.status());
        String jobId = opened.json().path("id").asText();
        JsonNode shown = opened.json().path("budget");
        assertEquals(budgetId, shown.path("id").asText());
        assertEquals("BRL", shown.path("currency").asText());
        assertEquals("1000.00", shown.path("amount").asText());
        assertEquals("750.00", shown.path("remaining").asText());
        assertEquals("250.00", shown.path("committedForJob").asText());
        assertEquals("250.00", opened.json().path("estimatedCost").asText());

        JsonNode job = get("/v1/jobs/" + jobId, admin).json();
        assertEquals("750.00", job.path("budget").path("remaining").asText());
        JsonNode item = reportItem(admin, budgetId);
        assertEquals("250.00", item.path("committed").asText());
        assertEquals("750.00", item.path("remaining").asText());
        // the commitment names the job
        JsonNode entries = get("/v1/budgets/" + budgetId + "/entries", admin).json().path("items");
        assertEquals(1, entries.size());
        assertEquals(jobId, entries.get(0).path("jobId").asText());
        assertEquals(job.path("budgetCommitmentId").asText(), entries.get(0).path("id").asText());

        // a budget of another customer, a missing budget and a bad cost are refused, and nothing is committed
        assertEquals(Set.of("budgetId"), fields(assertProblem(openJob(admin, acme, globexBudget, "10.00"), 400, "validation_failed")));
        assertEquals(Set.of("budgetId"), fields(assertProblem(openJob(admin, acme, "00000000-0000-0000-0000-000000000000", null),
                400, "validation_failed")));
        for (String bad : new String[] {"0", "-5.00", "12.345", "abc", "1e3"}) {
            assertEquals(bad, Set.of("estimatedCost"), fields(assertProblem(openJob(admin, acme, budgetId, bad), 400, "validation_failed")));
        }
        assertEquals("0.00", reportItem(admin, globexBudget).path("committed").asText());
        assertEquals("250.00", reportItem(admin, budgetId).path("committed").asText());
        // moving the job to another budget once money is committed is refused
        assertEquals(Set.of("budgetId"), fields(assertProblem(call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json",
                toJson(Map.of("budgetId", globexBudget))), 400, "validation_failed")));
        // a job without a cost may point at the budget, but only one of its customer
        Answer plain = openJob(admin, acme, budgetId, null);
        assertEquals(plain.body(), 201, plain.status());
        assertEquals("0.00", plain.json().path("budget").path("committedForJob").asText());
        assertEquals(Set.of("budgetId"), fields(assertProblem(call("PATCH", "/v1/jobs/" + plain.json().path("id").asText(), bearer(admin),
                "application/json", toJson(Map.of("budgetId", globexBudget))), 400, "validation_failed")));

        // an agency without the budget module: budgetId stays opaque, a cost cannot be committed
        String noBudget = createAgency("jobnobud", "ijob");
        String initech = customer(noBudget, "Initech");
        Answer opaque = openJob(noBudget, initech, "external-budget-7", null);
        assertEquals(opaque.body(), 201, opaque.status());
        assertEquals("external-budget-7", opaque.json().path("budgetId").asText());
        assertTrue(opaque.json().path("budget").isNull());
        JsonNode refused = assertProblem(openJob(noBudget, initech, "external-budget-7", "10.00"), 400, "validation_failed");
        assertEquals(Set.of("estimatedCost"), fields(refused));
        assertTrue(refused.toString(), refused.toString().contains("not enabled"));

        // the budget module goes away: the iJob endpoints keep working, without budget information
        featuresService.uninstallFeature("clientele-budget");
        try {
            await("GET job without the budget module", 60, () -> {
                Answer a = get("/v1/jobs/" + jobId, admin);
                return a.status() == 200 && a.json().path("budget").isNull();
            });
            JsonNode without = get("/v1/jobs/" + jobId, admin).json();
            assertEquals(budgetId, without.path("budgetId").asText());
            assertEquals("250.00", without.path("estimatedCost").asText());
            Answer more = openJob(admin, acme, "any-text", null);
            assertEquals(more.body(), 201, more.status());
            assertEquals("any-text", more.json().path("budgetId").asText());
            JsonNode notInstalled = assertProblem(openJob(admin, acme, budgetId, "10.00"), 400, "validation_failed");
            assertEquals(Set.of("estimatedCost"), fields(notInstalled));
            assertTrue(notInstalled.toString(), notInstalled.toString().contains("not installed"));
            assertEquals(200, get("/v1/jobs?customerId=" + acme, admin).status());
        } finally {
            featuresService.installFeature("clientele-budget");
        }
        // and comes back: the job shows its budget again
        await("GET job with the budget module again", 60, () -> {
            Answer a = get("/v1/jobs/" + jobId, admin);
            return a.status() == 200 && "750.00".equals(a.json().path("budget").path("remaining").asText());
        });
    }
}
