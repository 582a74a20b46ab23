package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Tenant isolation (quality.md R2), walked over the live OpenAPI document so that every endpoint, modules'
 * included, is tried: agency B calls every operation with a path parameter using the ids of agency A's records,
 * and must get exactly the answer it gets for an id that exists nowhere; every list, report and export of B
 * must be free of A's records; and A's records must be unchanged afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TenantIsolationIT extends ClienteleTestSupport {

    private static final String MARKER = "Zanzibarquux";

    @Test
    public void anotherAgencysIdsReadLikeMissingOnesOnEveryEndpoint() {
        String[] modules = installedModules();
        String a = createAgency("iso-a", modules);
        String b = createAgency("iso-b", modules);
        Map<String, String> idsOfA = recordsOf(a);
        JsonNode customerBefore = get("/v1/customers/" + idsOfA.get("customer"), a).json();

        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        List<String> leaks = new ArrayList<>();
        int tried = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().contains("{") || path.getKey().startsWith("/v1/platform") || path.getKey().startsWith("/v1/portal")) {
                continue; // operator endpoints are not an agency's; portal ones take a contact's token (ContactPortalIT)
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (method.equals("PARAMETERS")) {
                    continue;
                }
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                Answer missing = call(method, fill(path.getKey(), UUID.randomUUID().toString()), bearer(b),
                        body == null ? null : "application/json", body);
                for (Map.Entry<String, String> record : idsOfA.entrySet()) {
                    String target = fill(path.getKey(), record.getValue());
                    Answer answer = call(method, target, bearer(b), body == null ? null : "application/json", body);
                    tried++;
                    if (answer.status() != missing.status() || !code(answer).equals(code(missing)) || answer.body().contains(MARKER)) {
                        leaks.add(method + " " + target + " (" + record.getKey() + " of A) -> " + answer.status() + " " + code(answer)
                                + ", but a missing id -> " + missing.status() + " " + code(missing));
                    }
                }
            }
        }
        assertTrue(tried > 50);
        assertTrue(leaks.size() + " answers differ from a missing id's:\n" + String.join("\n", leaks), leaks.isEmpty());

        for (String list : List.of("/v1/customers", "/v1/customers?q=" + MARKER, "/v1/customers?archived=true",
                "/v1/customers/export?format=csv", "/v1/views", "/v1/lookups/segments", "/v1/notifications", "/v1/users",
                "/v1/budgets", "/v1/reports/budget-management", "/v1/reports/budget-management/export?format=csv")) {
            Answer answer = get(list, b);
            if (answer.status() == 404 && !list.startsWith("/v1/customers")) {
                continue; // a module that is not installed in this run
            }
            assertEquals(list + ": " + answer.body(), 200, answer.status());
            assertFalse(list + " shows A's records: " + answer.body(), answer.body().contains(MARKER));
            idsOfA.values().forEach(id -> assertFalse(list + " shows " + id, answer.body().contains(id)));
        }

        JsonNode customerAfter = get("/v1/customers/" + idsOfA.get("customer"), a).json();
        assertEquals("A's customer is unchanged", customerBefore, customerAfter);
        assertEquals(1, get("/v1/customers/" + idsOfA.get("customer") + "/contacts", a).json().path("items").size());
    }

    /** Records of many kinds in agency A, each named with the marker; returns their ids by kind. */
    private Map<String, String> recordsOf(String a) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("segment", created(post("/v1/lookups/segments", a, Map.of("name", MARKER + " segment"))));
        ids.put("customer", created(post("/v1/customers", a, Map.of("name", MARKER, "companyName", MARKER + " Ltda",
                "restricted", true, "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1",
                        "district", "Sé", "city", "São Paulo", "state", "SP", "country", "BR")))));
        String customer = ids.get("customer");
        ids.put("contact", created(post("/v1/customers/" + customer + "/contacts", a,
                Map.of("name", MARKER + " contact", "email", "contact@iso-a.test"))));
        ids.put("legal-entity", created(post("/v1/customers/" + customer + "/legal-entities", a,
                Map.of("name", MARKER + " Holding", "taxId", "11.222.333/0001-81",
                        "address", Map.of("street", "Rua A", "number", "2", "city", "São Paulo", "state", "SP",
                                "postalCode", "01001-000", "country", "BR")))));
        ids.put("comment", created(post("/v1/customers/" + customer + "/comments", a, Map.of("body", MARKER + " says hi"))));
        ids.put("view", created(post("/v1/views", a, Map.of("name", MARKER + " view", "columns", List.of("name")))));
        ids.put("user", created(post("/v1/users", a, Map.of("name", MARKER + " User", "email", "user@iso-a.test",
                "roles", List.of("SERVICE"), "password", "a long passphrase of this user"))));
        if (get("/v1/budgets", a).status() == 200) {
            String budget = created(post("/v1/budgets", a, Map.of("customerId", customer, "campaign", MARKER + " campaign",
                    "amount", "1000.00", "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-12-31")));
            ids.put("budget", budget);
            ids.put("budget-entry", created(post("/v1/budgets/" + budget + "/entries", a,
                    Map.of("kind", "COMMITTED", "amount", "100.00", "description", MARKER + " entry"))));
        }
        return ids;
    }

    private String[] installedModules() {
        List<String> ids = new ArrayList<>();
        operator("GET", "/v1/platform/agencies", null); // the operator realm is up
        JsonNode health = call("GET", "/v1/health", null, null, null).json();
        health.path("modules").forEach(m -> ids.add(m.asText()));
        return ids.toArray(new String[0]);
    }

    private static String created(Answer answer) {
        assertEquals(answer.body(), 201, answer.status());
        return answer.json().path("id").asText();
    }

    private static String fill(String template, String id) {
        return template.replaceAll("\\{kind}", "segments").replaceAll("\\{[^}]+}", id);
    }

    private static String code(Answer answer) {
        try {
            return answer.json().path("code").asText();
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
