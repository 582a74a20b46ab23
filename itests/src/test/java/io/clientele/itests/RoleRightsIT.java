package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The role table of the README's "Roles and rights" through HTTP: every role against every mutating endpoint of the
 * money modules (monthly fees, estimates, pre-billing, invoices, budgets), portal invitations, the customer import and
 * changes of who may see and serve a customer, each on a customer the caller serves or assists ("own") and on someone
 * else's ("other"), asserting success (2xx) or 403 {@code forbidden}. One row per endpoint: a new endpoint is one row.
 * <p>
 * Every cell gets a fresh customer. An own customer has Sam (SERVICE) as service manager, Ann (ASSISTANT) as assistant
 * and Cole (COLLABORATOR) as follower; an other customer has Otto (SERVICE) and Ada (ASSISTANT), with Sam, Ann and Cole
 * as followers, so that every caller sees both (the rights are judged, not the restricted rule's 404).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RoleRightsIT extends ClienteleTestSupport {

    private static final String AGENCY = "rights";

    /** Who may use an endpoint, as the README's table says. */
    enum Who {
        /** anyone who sees the customer (the control row: not over-restricted) */
        EVERYONE,
        /** ADMIN, FINANCE */
        FINANCE,
        /** ADMIN, FINANCE, and SERVICE/ASSISTANT on customers they serve or assist */
        PREPARE,
        /** ADMIN, and SERVICE/ASSISTANT on customers they serve or assist */
        ACCOUNT,
        /** ADMIN, and the customer's service manager */
        ASSIGN;

        boolean allows(String role, boolean own) {
            return switch (this) {
                case EVERYONE -> true;
                case FINANCE -> role.equals("ADMIN") || role.equals("FINANCE");
                case PREPARE -> role.equals("ADMIN") || role.equals("FINANCE") || own && (role.equals("SERVICE") || role.equals("ASSISTANT"));
                case ACCOUNT -> role.equals("ADMIN") || own && (role.equals("SERVICE") || role.equals("ASSISTANT"));
                case ASSIGN -> role.equals("ADMIN") || own && role.equals("SERVICE");
            };
        }
    }

    record Actor(String role, String id, String email, String token) {
    }

    /** One cell's customer: its id and whether the actor serves or assists it. */
    record Cell(String customerId, boolean own) {
    }

    interface Action {
        Answer run(Actor actor, Cell cell);
    }

    record Row(String endpoint, Who who, boolean restrictedCustomer, Action action) {
    }

    private String admin;
    private final Map<String, String> userIds = new HashMap<>();
    private final AtomicInteger serial = new AtomicInteger();

    // ---- fixtures, made by the ADMIN

    private String user(String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase() + "@" + AGENCY + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        String id = a.json().path("id").asText();
        userIds.put(name, id);
        return id;
    }

    private Actor actor(String name, String role) {
        String token = name.equals("Admin") ? admin : login(AGENCY, name.toLowerCase() + "@" + AGENCY + ".test", "passphrase of " + name);
        String id = get("/v1/me", token).json().path("id").asText();
        return new Actor(role, id, name.toLowerCase() + "@" + AGENCY + ".test", token);
    }

    private String customer(boolean own, boolean restricted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Customer " + serial.incrementAndGet());
        body.put("companyName", "Customer Ltda");
        body.put("restricted", restricted);
        body.put("serviceManagerId", userIds.get(own ? "Sam" : "Otto"));
        body.put("assistantId", userIds.get(own ? "Ann" : "Ada"));
        body.put("followerIds", own ? List.of(userIds.get("Cole")) : List.of(userIds.get("Sam"), userIds.get("Ann"), userIds.get("Cole")));
        body.put("address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo",
                "state", "SP", "country", "BR"));
        return created(post("/v1/customers", admin, body));
    }

    private static String created(Answer a) {
        assertTrue(a.body(), a.status() == 201 || a.status() == 200);
        return a.json().path("id").asText();
    }

    private static Map<String, Object> feeBody(String customerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("description", "Retainer");
        body.put("amount", "1000.00");
        body.put("currency", "BRL");
        body.put("startDate", "2026-01-01");
        body.put("endDate", "2026-01-31");
        body.put("paymentDay", 10);
        body.put("paymentMethod", "BOLETO");
        return body;
    }

    private String fee(String customerId) {
        return created(post("/v1/monthly-fees", admin, feeBody(customerId)));
    }

    private String entry(String customerId) {
        String fee = fee(customerId);
        return get("/v1/monthly-fees/" + fee + "/entries", admin).json().path("items").get(0).path("id").asText();
    }

    private String approvedEntry(String customerId) {
        String entry = entry(customerId);
        Answer a = call("PATCH", "/v1/fee-entries/" + entry, bearer(admin), "application/json", "{\"approvedByCustomer\":true}");
        assertEquals(a.body(), 200, a.status());
        return entry;
    }

    private String invoice(String customerId) {
        Answer a = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(approvedEntry(customerId))));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("items").get(0).path("id").asText();
    }

    private static Map<String, Object> estimateBody(String customerId) {
        return Map.of("customerId", customerId, "title", "Website", "lines",
                List.of(Map.of("description", "Design", "quantity", 1, "unitPrice", "3000.00")));
    }

    private String contact(String customerId) {
        return created(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Maria",
                "email", "maria" + serial.incrementAndGet() + "@customer.test", "primary", true)));
    }

    private String estimate(String customerId) {
        contact(customerId);
        return created(post("/v1/estimates", admin, estimateBody(customerId)));
    }

    private String sentEstimate(String customerId) {
        String id = estimate(customerId);
        Answer a = call("POST", "/v1/estimates/" + id + "/send", bearer(admin), null, null);
        assertEquals(a.body(), 200, a.status());
        return id;
    }

    private static Map<String, Object> budgetBody(String customerId) {
        return Map.of("customerId", customerId, "campaign", "Launch", "amount", "1000.00", "currency", "BRL",
                "startDate", "2026-01-01", "endDate", "2026-12-31");
    }

    private String budget(String customerId) {
        return created(post("/v1/budgets", admin, budgetBody(customerId)));
    }

    private String commitment(String customerId) {
        return created(post("/v1/budgets/" + budget(customerId) + "/entries", admin, Map.of("kind", "COMMITTED", "amount", "100.00", "description", "Committed")));
    }

    private Answer patch(String path, Actor actor, Map<String, Object> body) {
        return call("PATCH", path, bearer(actor.token()), "application/json", toJson(body));
    }

    private Answer importRow(Actor actor, Cell cell) {
        String manager = (cell.own() ? "sam" : "otto") + "@" + AGENCY + ".test";
        String assistant = (cell.own() ? "ann" : "ada") + "@" + AGENCY + ".test";
        String csv = "Name,Company name,Service manager,Assistant,Restricted\r\n"
                + "Imported " + serial.incrementAndGet() + ",Imported Ltda," + manager + "," + assistant + ",yes\r\n";
        return upload("/v1/customers/import", actor.token(), "customers.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the matrix

    private List<Row> rows() {
        byte[] pdf = "%PDF-1.4\n% signed contract\n".getBytes(StandardCharsets.US_ASCII);
        return List.of(
                new Row("POST /monthly-fees", Who.PREPARE, false,
                        (a, c) -> post("/v1/monthly-fees", a.token(), feeBody(c.customerId()))),
                new Row("PATCH /monthly-fees/{id}", Who.PREPARE, false,
                        (a, c) -> patch("/v1/monthly-fees/" + fee(c.customerId()), a, Map.of("description", "Changed"))),
                new Row("DELETE /monthly-fees/{id}", Who.PREPARE, false,
                        (a, c) -> call("DELETE", "/v1/monthly-fees/" + fee(c.customerId()), bearer(a.token()), null, null)),
                new Row("PUT /monthly-fees/{id}/document", Who.PREPARE, false,
                        (a, c) -> call("PUT", "/v1/monthly-fees/" + fee(c.customerId()) + "/document", bearer(a.token()),
                                "application/pdf", new String(pdf, StandardCharsets.US_ASCII))),
                new Row("PATCH /fee-entries/{id} approvedByCustomer", Who.FINANCE, false,
                        (a, c) -> patch("/v1/fee-entries/" + entry(c.customerId()), a, Map.of("approvedByCustomer", true))),
                new Row("POST /estimates", Who.PREPARE, false,
                        (a, c) -> post("/v1/estimates", a.token(), estimateBody(c.customerId()))),
                new Row("POST /estimates/{id}/send", Who.PREPARE, false,
                        (a, c) -> call("POST", "/v1/estimates/" + estimate(c.customerId()) + "/send", bearer(a.token()), null, null)),
                new Row("POST /estimates/{id}/accept", Who.FINANCE, false,
                        (a, c) -> call("POST", "/v1/estimates/" + sentEstimate(c.customerId()) + "/accept", bearer(a.token()), null, null)),
                new Row("POST /estimates/{id}/decline", Who.FINANCE, false,
                        (a, c) -> call("POST", "/v1/estimates/" + sentEstimate(c.customerId()) + "/decline", bearer(a.token()), null, null)),
                new Row("POST /pre-billing/invoices", Who.FINANCE, false,
                        (a, c) -> post("/v1/pre-billing/invoices", a.token(), Map.of("entryIds", List.of(approvedEntry(c.customerId()))))),
                new Row("POST /invoices/{id}/payments", Who.FINANCE, false,
                        (a, c) -> post("/v1/invoices/" + invoice(c.customerId()) + "/payments", a.token(),
                                Map.of("amount", "100.00", "method", "PIX", "paidAt", "2026-02-10T12:00:00Z"))),
                new Row("POST /invoices/{id}/cancel", Who.FINANCE, false,
                        (a, c) -> call("POST", "/v1/invoices/" + invoice(c.customerId()) + "/cancel", bearer(a.token()), null, null)),
                new Row("POST /budgets", Who.PREPARE, false,
                        (a, c) -> post("/v1/budgets", a.token(), budgetBody(c.customerId()))),
                new Row("PATCH /budgets/{id}", Who.PREPARE, false,
                        (a, c) -> patch("/v1/budgets/" + budget(c.customerId()), a, Map.of("campaign", "Relaunch"))),
                new Row("DELETE /budgets/{id}", Who.PREPARE, false,
                        (a, c) -> call("DELETE", "/v1/budgets/" + budget(c.customerId()), bearer(a.token()), null, null)),
                new Row("POST /budgets/{id}/entries COMMITTED", Who.PREPARE, false,
                        (a, c) -> post("/v1/budgets/" + budget(c.customerId()) + "/entries", a.token(),
                                Map.of("kind", "COMMITTED", "amount", "100.00", "description", "Committed"))),
                new Row("POST /budgets/{id}/entries SPENT", Who.FINANCE, false,
                        (a, c) -> post("/v1/budgets/" + budget(c.customerId()) + "/entries", a.token(),
                                Map.of("kind", "SPENT", "amount", "100.00", "description", "Spent"))),
                new Row("POST /budget-entries/{id}/spend", Who.FINANCE, false,
                        (a, c) -> post("/v1/budget-entries/" + commitment(c.customerId()) + "/spend", a.token(), Map.of())),
                new Row("POST /contacts/{id}/portal-invite", Who.ACCOUNT, false,
                        (a, c) -> call("POST", "/v1/contacts/" + contact(c.customerId()) + "/portal-invite", bearer(a.token()), null, null)),
                new Row("POST /customers/import", Who.ACCOUNT, false, this::importRow),
                new Row("PATCH /customers/{id} restricted=true", Who.ASSIGN, false,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("restricted", true))),
                new Row("PATCH /customers/{id} restricted=false", Who.ASSIGN, true,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("restricted", false))),
                new Row("PATCH /customers/{id} serviceManagerId=me", Who.ASSIGN, false,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("serviceManagerId", a.id()))),
                new Row("PATCH /customers/{id} assistantId=Fiona", Who.ASSIGN, false,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("assistantId", userIds.get("Fiona")))),
                new Row("PATCH /customers/{id} followerIds=[]", Who.ASSIGN, false,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("followerIds", List.of()))),
                new Row("PATCH /customers/{id} phone (control)", Who.EVERYONE, false,
                        (a, c) -> patch("/v1/customers/" + c.customerId(), a, Map.of("phone", "+55 11 5555-0000"))));
    }

    @Test
    public void everyRoleGetsExactlyTheRightsOfTheRoleTable() {
        admin = createAgency(AGENCY, "monthly-fee", "budget");
        user("Fiona", "FINANCE");
        user("Sam", "SERVICE");
        user("Ann", "ASSISTANT");
        user("Cole", "COLLABORATOR");
        user("Otto", "SERVICE");
        user("Ada", "ASSISTANT");
        List<Actor> actors = List.of(actor("Admin", "ADMIN"), actor("Fiona", "FINANCE"), actor("Sam", "SERVICE"),
                actor("Ann", "ASSISTANT"), actor("Cole", "COLLABORATOR"));

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : rows()) {
            for (Actor actor : actors) {
                for (boolean own : new boolean[] {true, false}) {
                    cells++;
                    Cell cell = new Cell(customer(own, row.restrictedCustomer()), own);
                    Answer answer = row.action().run(actor, cell);
                    boolean allowed = row.who().allows(actor.role(), own);
                    String where = row.endpoint() + " as " + actor.role() + " on " + (own ? "own" : "other") + " customer";
                    if (allowed && (answer.status() < 200 || answer.status() > 299)) {
                        wrong.add(where + ": expected 2xx, got " + answer.status() + " " + answer.body());
                    } else if (!allowed && !(answer.status() == 403 && answer.contentType() != null
                            && answer.contentType().startsWith("application/problem+json")
                            && "forbidden".equals(answer.json().path("code").asText()))) {
                        wrong.add(where + ": expected 403 forbidden, got " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertEquals(cells + " cells; wrong:\n" + String.join("\n", wrong), List.of(), wrong);
    }

    @Test
    public void refusalsChangeNothingAndHiddenCustomersStayHidden() {
        admin = createAgency("rights-edge", "monthly-fee", "budget");
        String samId = created(post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@rights-edge.test", "roles", List.of("SERVICE"),
                "password", "passphrase of Sam")));
        String coleId = created(post("/v1/users", admin, Map.of("name", "Cole", "email", "cole@rights-edge.test",
                "roles", List.of("COLLABORATOR"), "password", "passphrase of Cole")));
        created(post("/v1/users", admin, Map.of("name", "Otto", "email", "otto@rights-edge.test", "roles", List.of("SERVICE"),
                "password", "passphrase of Otto")));
        String sam = login("rights-edge", "sam@rights-edge.test", "passphrase of Sam");
        String cole = login("rights-edge", "cole@rights-edge.test", "passphrase of Cole");
        String otto = login("rights-edge", "otto@rights-edge.test", "passphrase of Otto");

        // a restricted customer registered by a non-ADMIN must name its creator, or they could not see it
        assertProblem(post("/v1/customers", cole, Map.of("name", "Lost", "companyName", "Lost Ltda", "restricted", true)), 403, "forbidden");
        Answer followed = post("/v1/customers", cole, Map.of("name", "Kept", "companyName", "Kept Ltda", "restricted", true,
                "followerIds", List.of(coleId)));
        assertEquals(followed.body(), 201, followed.status());
        assertEquals(200, get("/v1/customers/" + followed.json().path("id").asText(), cole).status());

        // a follower cannot clear the flag; the customer stays restricted
        String secret = created(post("/v1/customers", admin, Map.of("name", "Secret", "companyName", "Secret Ltda", "restricted", true,
                "serviceManagerId", samId, "followerIds", List.of(coleId))));
        assertProblem(call("PATCH", "/v1/customers/" + secret, bearer(cole), "application/json", "{\"restricted\":false}"), 403, "forbidden");
        assertTrue(get("/v1/customers/" + secret, admin).json().path("restricted").asBoolean());
        assertProblem(get("/v1/customers/" + secret, otto), 404, "not_found");

        // someone who cannot see the customer still gets 404 (or 400 naming the field), never a 403 that reveals it
        assertProblem(call("PATCH", "/v1/customers/" + secret, bearer(otto), "application/json", "{\"serviceManagerId\":null}"),
                404, "not_found");
        JsonNode bad = assertProblem(post("/v1/monthly-fees", otto, feeBody(secret)), 400, "validation_failed");
        assertTrue(bad.toString(), bad.path("errors").findValuesAsText("field").contains("customerId"));
        String hiddenFee = created(post("/v1/monthly-fees", admin, feeBody(secret)));
        assertProblem(call("DELETE", "/v1/monthly-fees/" + hiddenFee, bearer(otto), null, null), 404, "not_found");

        // a refused fee, entry approval or spend writes nothing
        assertProblem(post("/v1/monthly-fees", cole, feeBody(secret)), 403, "forbidden");
        assertEquals(1, get("/v1/monthly-fees?customerId=" + secret, admin).json().path("items").size());
        String entry = get("/v1/monthly-fees/" + hiddenFee + "/entries", admin).json().path("items").get(0).path("id").asText();
        assertProblem(call("PATCH", "/v1/fee-entries/" + entry, bearer(sam), "application/json", "{\"approvedByCustomer\":true}"),
                403, "forbidden");
        assertEquals(false, get("/v1/fee-entries/" + entry, admin).json().path("approvedByCustomer").asBoolean());

        // an import by a SERVICE user with one row that is not theirs writes no row at all, dry run or not
        int before = get("/v1/customers?limit=500", admin).json().path("items").size();
        String csv = "Name,Company name,Service manager\r\nMine,Mine Ltda,sam@rights-edge.test\r\n"
                + "Theirs,Theirs Ltda,otto@rights-edge.test\r\n";
        JsonNode refused = assertProblem(upload("/v1/customers/import", sam, "c.csv", csv.getBytes(StandardCharsets.UTF_8)), 403, "forbidden");
        assertTrue(refused.path("detail").asText(), refused.path("detail").asText().contains("3"));
        assertProblem(upload("/v1/customers/import?dryRun=true", sam, "c.csv", csv.getBytes(StandardCharsets.UTF_8)), 403, "forbidden");
        assertEquals(before, get("/v1/customers?limit=500", admin).json().path("items").size());
        Answer mine = upload("/v1/customers/import", sam, "c.csv",
                "Name,Company name,Service manager\r\nMine,Mine Ltda,sam@rights-edge.test\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(mine.body(), 200, mine.status());
        assertEquals(before + 1, get("/v1/customers?limit=500", admin).json().path("items").size());
    }
}
