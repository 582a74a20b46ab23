package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The core customer registry through HTTP: lookups, required fields, customers, restricted visibility, history, the list. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomerRegistryIT extends ClienteleTestSupport {

    private static final String VALID_CNPJ = "11.222.333/0001-81";

    private String user(String admin, String agency, String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase() + "@" + agency + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String loginAs(String agency, String name) {
        return login(agency, name.toLowerCase() + "@" + agency + ".test", "passphrase of " + name);
    }

    private JsonNode customer(String token, Map<String, Object> fields) {
        Answer a = post("/v1/customers", token, fields);
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    @Test
    public void lookupsAreManagedAndDeactivationKeepsRecordsReadable() {
        String admin = createAgency("lookups");
        String retail = post("/v1/lookups/segments", admin, Map.of("name", "Retail")).json().path("id").asText();
        assertProblem(post("/v1/lookups/segments", admin, Map.of("name", "RETAIL")), 409, "conflict");
        assertProblem(post("/v1/lookups/segments", admin, Map.of("name", " ")), 400, "validation_failed");
        assertProblem(get("/v1/lookups/colours", admin), 404, "not_found");
        for (String kind : List.of("statuses", "attraction-channels", "sectors", "products-services", "invoice-types",
                "billing-types", "payment-conditions")) {
            assertEquals(kind, 201, post("/v1/lookups/" + kind, admin, Map.of("name", "First of " + kind)).status());
        }
        String serviceUser = user(admin, "lookups", "Sally", "SERVICE");
        assertProblem(post("/v1/lookups/segments", loginAs("lookups", "Sally"), Map.of("name", "Mine")), 403, "forbidden");

        String id = customer(admin, Map.of("name", "Shop", "companyName", "Shop Ltd", "segmentId", retail,
                "serviceManagerId", serviceUser)).path("id").asText();
        Answer off = call("PATCH", "/v1/lookups/segments/" + retail, bearer(admin), "application/json", "{\"active\":false}",
                "If-Match", "\"0\"");
        assertEquals(off.body(), 200, off.status());
        assertEquals(0, get("/v1/lookups/segments", admin).json().path("items").size());
        assertEquals(1, get("/v1/lookups/segments?includeInactive=true", admin).json().path("items").size());
        // the customer keeps it and can still be edited; a new customer cannot pick it
        assertEquals(retail, get("/v1/customers/" + id, admin).json().path("segmentId").asText());
        assertEquals(200, call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json", "{\"phone\":\"123\"}").status());
        JsonNode refused = assertProblem(post("/v1/customers", admin, Map.of("name", "New", "companyName", "New Ltd",
                "segmentId", retail)), 400, "validation_failed");
        assertEquals("segmentId", refused.path("errors").get(0).path("field").asText());
    }

    @Test
    public void requiredFieldsAreAnAgencySettingAndEveryMissingOneIsNamed() {
        String admin = createAgency("required");
        assertEquals(List.of("name", "companyName"), JSON.convertValue(
                get("/v1/settings/customer-required-fields", admin).json().path("fields"), List.class));
        JsonNode bad = assertProblem(call("PUT", "/v1/settings/customer-required-fields", bearer(admin), "application/json",
                "{\"fields\":[\"companyName\",\"colour\"]}"), 400, "validation_failed");
        assertEquals("fields[1]", bad.path("errors").get(0).path("field").asText());
        Answer set = call("PUT", "/v1/settings/customer-required-fields", bearer(admin), "application/json",
                "{\"fields\":[\"companyName\",\"segmentId\",\"email\",\"address\"]}");
        assertEquals(set.body(), 200, set.status());

        JsonNode missing = assertProblem(post("/v1/customers", admin, Map.of("name", "Only a name")), 400, "validation_failed");
        List<String> fields = missing.path("errors").findValuesAsText("field");
        assertTrue(fields.toString(), fields.containsAll(List.of("companyName", "segmentId", "email", "address")));
        assertEquals("no customer was written", 0, get("/v1/customers", admin).json().path("items").size());
    }

    @Test
    public void customersAreValidatedVersionedAndRecordedInHistory() {
        String admin = createAgency("registry");
        JsonNode problems = assertProblem(post("/v1/customers", admin, Map.of("name", "Bad", "companyName", "Bad Ltd",
                "email", "nope", "website", "ftp://x", "documentNumber", "11.222.333/0001-82",
                "address", Map.of("country", "BR"), "complementary", Map.of("discountPercent", 100.5, "paymentDay", 32),
                "followerIds", List.of("nobody"))), 400, "validation_failed");
        List<String> fields = problems.path("errors").findValuesAsText("field");
        assertTrue(fields.toString(), fields.containsAll(List.of("email", "website", "documentNumber",
                "complementary.discountPercent", "complementary.paymentDay", "followerIds[0]")));
        assertProblem(post("/v1/customers", admin, Map.of("name", "Person", "companyName", "P", "personType", "PERSON",
                "documentNumber", "529.982.247-24", "address", Map.of("country", "BR"))), 400, "validation_failed");

        Map<String, Object> fields0 = new HashMap<>(Map.of("name", "Padaria Bom Pão", "companyName", "Bom Pão Ltda",
                "documentNumber", VALID_CNPJ, "email", "contato@bompao.test", "website", "https://bompao.test",
                "address", Map.of("postalCode", "01001-000", "street", "Praça da Sé", "number", "1", "city", "São Paulo",
                        "state", "SP", "country", "br"),
                "complementary", Map.of("discountPercent", 12.5, "paymentDay", 10)));
        Answer created = post("/v1/customers", admin, fields0);
        assertEquals(created.body(), 201, created.status());
        assertEquals("\"0\"", created.header("ETag"));
        String id = created.json().path("id").asText();
        assertEquals("BR", created.json().path("address").path("country").asText());
        assertEquals("12.5", created.json().path("complementary").path("discountPercent").asText());
        assertEquals("the answer to the POST is the customer as stored", get("/v1/customers/" + id, admin).body(), created.body());

        Answer patched = call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json",
                "{\"address\":{\"number\":\"2\"},\"phone\":\"+55 11 5555-0000\"}", "If-Match", "\"0\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("2", patched.json().path("address").path("number").asText());
        assertEquals("São Paulo", patched.json().path("address").path("city").asText());
        assertProblem(call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json", "{\"phone\":\"stale\"}",
                "If-Match", "\"0\""), 412, "precondition_failed");
        assertProblem(call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json", "{\"version\":9}"), 400, "validation_failed");
        assertProblem(call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json", "{\"colour\":\"red\"}"), 400, "malformed_request");
        assertEquals("+55 11 5555-0000", get("/v1/customers/" + id, admin).json().path("phone").asText());

        JsonNode history = get("/v1/customers/" + id + "/history", admin).json().path("items");
        assertEquals("UPDATED", history.get(0).path("action").asText());
        assertEquals("CREATED", history.get(1).path("action").asText());
        assertTrue(history.get(0).path("changes").toString().contains("{\"field\":\"address.number\",\"from\":\"1\",\"to\":\"2\"}"));
        assertEquals("Admin of registry", history.get(0).path("actorName").asText());

        assertEquals(204, call("DELETE", "/v1/customers/" + id, bearer(admin), null, null).status());
        assertFalse(get("/v1/customers", admin).body().contains(id));
        assertTrue(get("/v1/customers?archived=true", admin).body().contains(id));
        assertEquals("ARCHIVED", get("/v1/customers/" + id + "/history", admin).json().path("items").get(0).path("action").asText());
    }

    @Test
    public void restrictedCustomersAreInvisibleToThoseNotAllowed() {
        String admin = createAgency("restricted");
        String serviceId = user(admin, "restricted", "Sam", "SERVICE");
        user(admin, "restricted", "Olga", "SERVICE");
        String followerId = user(admin, "restricted", "Fred", "COLLABORATOR");
        user(admin, "restricted", "Fiona", "FINANCE");
        String secret = customer(admin, Map.of("name", "Secret Client", "companyName", "Secret Ltd", "restricted", true,
                "serviceManagerId", serviceId, "followerIds", List.of(followerId))).path("id").asText();
        String open = customer(admin, Map.of("name", "Open Client", "companyName", "Open Ltd")).path("id").asText();

        // staff create customers they may see, answered as stored (followers in the order they are read)
        String sam = loginAs("restricted", "Sam");
        List<String> followers = new java.util.ArrayList<>(List.of(serviceId, followerId));
        followers.sort(java.util.Comparator.reverseOrder());
        Answer own = post("/v1/customers", sam, Map.of("name", "Sam's Client", "companyName", "Sams Ltd", "restricted", true,
                "serviceManagerId", serviceId, "followerIds", followers, "profile", "Likes é and 😀",
                "complementary", Map.of("discountPercent", 7, "paymentDay", 5)));
        assertEquals(own.body(), 201, own.status());
        assertEquals(get("/v1/customers/" + own.json().path("id").asText(), sam).body(), own.body());
        assertEquals(followers.stream().sorted().toList(), List.of(own.json().path("followerIds").get(0).asText(),
                own.json().path("followerIds").get(1).asText()));

        for (String allowed : List.of("Sam", "Fred", "Fiona")) {
            String token = loginAs("restricted", allowed);
            assertEquals(allowed, 200, get("/v1/customers/" + secret, token).status());
            assertTrue(allowed, get("/v1/customers?limit=500", token).body().contains(secret));
        }
        String olga = loginAs("restricted", "Olga");
        Answer hidden = get("/v1/customers/" + secret, olga);
        assertProblem(hidden, 404, "not_found");
        assertEquals(get("/v1/customers/00000000-0000-0000-0000-000000000000", olga).json().path("title").asText(),
                hidden.json().path("title").asText());
        assertProblem(get("/v1/customers/" + secret + "/history", olga), 404, "not_found");
        assertProblem(call("PATCH", "/v1/customers/" + secret, bearer(olga), "application/json", "{\"phone\":\"1\"}"), 404, "not_found");
        assertProblem(call("DELETE", "/v1/customers/" + secret, bearer(olga), null, null), 404, "not_found");
        String list = get("/v1/customers?limit=500&q=client", olga).body();
        assertFalse(list.contains(secret));
        assertTrue(list.contains(open));
    }

    @Test
    public void contactsBelongToTheirCustomerAndFollowItsVisibility() {
        String admin = createAgency("contacts");
        user(admin, "contacts", "Otto", "SERVICE");
        String customerId = customer(admin, Map.of("name", "Client", "companyName", "Client Ltd")).path("id").asText();
        String secretId = customer(admin, Map.of("name", "Secret", "companyName", "Secret Ltd", "restricted", true)).path("id").asText();

        Answer first = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Carla", "email", "carla@client.test",
                "primary", true, "canOpenJobsForGroup", true));
        assertEquals(first.body(), 201, first.status());
        assertEquals("NONE", first.json().path("portalStatus").asText());
        assertTrue(first.header("Location").endsWith("/api/v1/contacts/" + first.json().path("id").asText()));
        String carla = first.json().path("id").asText();
        String dan = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Dan", "primary", true))
                .json().path("id").asText();
        JsonNode list = get("/v1/customers/" + customerId + "/contacts", admin).json().path("items");
        assertEquals("the new primary comes first and is the only one", "Dan", list.get(0).path("name").asText());
        assertFalse(list.get(1).path("primary").asBoolean());

        JsonNode bad = assertProblem(post("/v1/customers/" + customerId + "/contacts", admin, Map.of("email", "nope")), 400, "validation_failed");
        assertEquals(List.of("name", "email"), bad.path("errors").findValuesAsText("field"));
        assertProblem(post("/v1/customers/00000000-0000-0000-0000-000000000000/contacts", admin, Map.of("name", "X")), 404, "not_found");

        String etag = get("/v1/contacts/" + carla, admin).header("ETag");
        assertEquals("demoting Carla changed her version", "\"1\"", etag);
        Answer renamed = call("PATCH", "/v1/contacts/" + carla, bearer(admin), "application/json", "{\"position\":\"CMO\"}", "If-Match", etag);
        assertEquals(renamed.body(), 200, renamed.status());
        assertProblem(call("PATCH", "/v1/contacts/" + carla, bearer(admin), "application/json", "{\"position\":\"x\"}", "If-Match", etag),
                412, "precondition_failed");
        assertProblem(call("PATCH", "/v1/contacts/" + carla, bearer(admin), "application/json", "{\"customerId\":\"" + secretId + "\"}"),
                400, "validation_failed");
        JsonNode history = get("/v1/customers/" + customerId + "/history", admin).json().path("items");
        assertEquals("contact", history.get(0).path("entity").asText());
        assertTrue(history.get(0).path("changes").toString().contains("CMO"));

        String hiddenContact = post("/v1/customers/" + secretId + "/contacts", admin, Map.of("name", "Hidden")).json().path("id").asText();
        String otto = loginAs("contacts", "Otto");
        assertProblem(get("/v1/contacts/" + hiddenContact, otto), 404, "not_found");
        assertProblem(get("/v1/customers/" + secretId + "/contacts", otto), 404, "not_found");
        assertEquals(200, get("/v1/contacts/" + carla, otto).status());
        String other = createAgency("contacts-other");
        assertProblem(get("/v1/contacts/" + carla, other), 404, "not_found");
        assertProblem(call("DELETE", "/v1/contacts/" + carla, bearer(other), null, null), 404, "not_found");

        assertEquals(204, call("DELETE", "/v1/contacts/" + dan, bearer(admin), null, null).status());
        assertProblem(get("/v1/contacts/" + dan, admin), 404, "not_found");
        assertEquals(1, get("/v1/customers/" + customerId + "/contacts", admin).json().path("items").size());
    }

    @Test
    public void eachUserSavesViewsWithOneDefault() {
        String admin = createAgency("views");
        user(admin, "views", "Vera", "SERVICE");
        String vera = loginAs("views", "Vera");
        Answer first = post("/v1/views", vera, Map.of("name", "Suppliers in Recife", "columns", List.of("name", "address.city"),
                "filters", Map.of("supplier", true, "city", "recife"), "default", true));
        assertEquals(first.body(), 201, first.status());
        assertTrue(first.json().path("default").asBoolean());
        String firstId = first.json().path("id").asText();
        String secondId = post("/v1/views", vera, Map.of("name", "All", "columns", List.of("name"), "default", true)).json().path("id").asText();
        JsonNode mine = get("/v1/views", vera).json().path("items");
        assertEquals(secondId, mine.get(0).path("id").asText());
        assertTrue(mine.get(0).path("default").asBoolean());
        assertFalse("only one default", mine.get(1).path("default").asBoolean());
        assertEquals("recife", mine.get(1).path("filters").path("city").asText());

        JsonNode bad = assertProblem(post("/v1/views", vera, Map.of("name", "Bad", "columns", List.of("name", "shoeSize"),
                "filters", Map.of("colour", "red"))), 400, "validation_failed");
        assertEquals(List.of("columns[1]", "filters.colour"), bad.path("errors").findValuesAsText("field"));
        assertProblem(post("/v1/views", vera, Map.of("name", "all", "columns", List.of("name"))), 409, "conflict");

        assertEquals(0, get("/v1/views", admin).json().path("items").size());
        assertProblem(call("PATCH", "/v1/views/" + firstId, bearer(admin), "application/json", "{\"name\":\"mine now\"}"), 404, "not_found");
        Answer renamed = call("PATCH", "/v1/views/" + firstId, bearer(vera), "application/json", "{\"name\":\"Recife suppliers\"}");
        assertEquals(renamed.body(), 200, renamed.status());
        assertEquals(204, call("DELETE", "/v1/views/" + firstId, bearer(vera), null, null).status());
        assertEquals(1, get("/v1/views", vera).json().path("items").size());
    }

    @Test
    public void anotherAgencysCustomersDoNotExist() {
        String a = createAgency("cust-a");
        String b = createAgency("cust-b");
        String id = customer(a, Map.of("name", "A's client", "companyName", "A Ltd")).path("id").asText();
        assertProblem(get("/v1/customers/" + id, b), 404, "not_found");
        assertProblem(get("/v1/customers/" + id + "/history", b), 404, "not_found");
        assertProblem(call("PATCH", "/v1/customers/" + id, bearer(b), "application/json", "{\"phone\":\"1\"}"), 404, "not_found");
        assertProblem(call("DELETE", "/v1/customers/" + id, bearer(b), null, null), 404, "not_found");
        assertFalse(get("/v1/customers?limit=500", b).body().contains(id));
        JsonNode groupRefused = assertProblem(post("/v1/customers", b, Map.of("name", "X", "companyName", "X", "groupId", id)),
                400, "validation_failed");
        assertEquals("groupId", groupRefused.path("errors").get(0).path("field").asText());
        String segmentOfA = post("/v1/lookups/segments", a, Map.of("name", "Only A")).json().path("id").asText();
        assertProblem(post("/v1/customers", b, Map.of("name", "Y", "companyName", "Y", "segmentId", segmentOfA)), 400, "validation_failed");
    }

    @Test
    public void theListFiltersSortsAndPagesWithCursors() {
        String admin = createAgency("listing");
        String retail = post("/v1/lookups/segments", admin, Map.of("name", "Retail")).json().path("id").asText();
        List<String> names = List.of("Delta", "alpha", "Echo", "Bravo", "charlie", "Foxtrot", "Golf");
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> c = new HashMap<>(Map.of("name", names.get(i), "companyName", names.get(i) + " Ltd",
                    "address", Map.of("city", i % 2 == 0 ? "Curitiba" : "Recife")));
            if (i < 3) {
                c.put("segmentId", retail);
                c.put("supplier", true);
            }
            customer(admin, c);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/v1/customers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), admin).json();
            page.path("items").forEach(item -> seen.add(item.path("name").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertEquals(List.of("alpha", "Bravo", "charlie", "Delta", "Echo", "Foxtrot", "Golf"), seen);

        JsonNode desc = get("/v1/customers?sort=-name&limit=2", admin).json();
        assertEquals("Golf", desc.path("items").get(0).path("name").asText());
        assertEquals("Foxtrot", desc.path("items").get(1).path("name").asText());
        JsonNode second = get("/v1/customers?sort=-name&limit=2&cursor=" + desc.path("nextCursor").asText(), admin).json();
        assertEquals("Echo", second.path("items").get(0).path("name").asText());
        assertEquals("Delta", second.path("items").get(1).path("name").asText());

        assertEquals(3, get("/v1/customers?segmentId=" + retail, admin).json().path("items").size());
        assertEquals(3, get("/v1/customers?supplier=true", admin).json().path("items").size());
        assertEquals(4, get("/v1/customers?city=curitiba", admin).json().path("items").size());
        assertEquals(1, get("/v1/customers?q=FOXT", admin).json().path("items").size());
        assertEquals(1, get("/v1/customers?q=golf%20ltd", admin).json().path("items").size());
        // renamed: found by its new words only
        String golf = desc.path("items").get(0).path("id").asText();
        Answer renamed = call("PATCH", "/v1/customers/" + golf, bearer(admin), "application/json",
                "{\"name\":\"Hotel\",\"companyName\":\"Hotel Ltd\"}");
        assertEquals(renamed.body(), 200, renamed.status());
        assertEquals(0, get("/v1/customers?q=golf", admin).json().path("items").size());
        assertEquals(golf, get("/v1/customers?q=hotel%20ltd", admin).json().path("items").get(0).path("id").asText());
        assertProblem(get("/v1/customers?sort=colour", admin), 400, "validation_failed");
        assertProblem(get("/v1/customers?supplier=maybe", admin), 400, "validation_failed");
        assertProblem(get("/v1/customers?updatedSince=yesterday", admin), 400, "validation_failed");
        assertProblem(get("/v1/customers?cursor=nonsense", admin), 400, "validation_failed");
    }
}
