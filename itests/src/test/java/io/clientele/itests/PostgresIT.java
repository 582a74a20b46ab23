package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.DataAccessException;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.Dialect;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.mail.internet.MimeMessage;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The platform on PostgreSQL, chosen by configuration alone (the database URL). Runs when a PostgreSQL
 * answers on 127.0.0.1:5432 (database {@code test}, trust auth, as on CI); each run gets a schema of its own.
 * Skipped, saying so, when there is none.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresIT extends ClienteleTestSupport {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    @Configuration
    public Option[] config() {
        String schema = "clientele_it_" + Long.toString(System.currentTimeMillis(), 36);
        boolean available;
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            available = true;
        } catch (Exception e) {
            System.out.println("PostgresIT: no PostgreSQL at " + SERVER + " (" + e.getMessage() + "); the test will be skipped");
            available = false;
        }
        List<Option> options = baseOptions(withTestSmtp(Integer.toString(freePort()),
                systemProperty("clientele.it.postgres").value(Boolean.toString(available)),
                // a short statement timeout, so the test below can show PostgreSQL cutting a statement off
                editConfigurationFilePut("etc/io.clientele.database.cfg", "statementTimeoutSeconds", "4")));
        if (available) {
            options.add(editConfigurationFilePut("etc/io.clientele.database.cfg", "url", SERVER + "?currentSchema=" + schema));
            options.add(editConfigurationFilePut("etc/io.clientele.database.cfg", "user", "postgres"));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void platformRunsOnPostgresql() throws Exception {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        Database database = service(Database.class);
        assertEquals(Dialect.POSTGRESQL, database.dialect());

        String admin = createAgency("pg-agency");
        String other = createAgency("pg-other");
        Answer user = post("/v1/users", admin, Map.of("name", "Pat", "email", "pat@pg.test", "roles", List.of("FINANCE"),
                "password", "postgres backed passphrase"));
        assertEquals(user.body(), 201, user.status());
        String id = user.json().path("id").asText();
        assertProblem(get("/v1/users/" + id, other), 404, "not_found");
        assertProblem(call("PATCH", "/v1/users/" + id, bearer(admin), "application/json", "{\"name\":\"x\"}", "If-Match", "\"7\""),
                412, "precondition_failed");
        assertEquals(200, get("/v1/users?limit=1", admin).status());
        assertTrue(get("/v1/users?limit=1", admin).json().path("nextCursor").isTextual());

        // the outbox claims rows with FOR UPDATE SKIP LOCKED here; every mail arrives once
        try (TestMailbox mailbox = TestMailbox.start()) {
            Agency agency = service(AgencyDirectory.class).findBySlug("pg-agency").orElseThrow();
            Outbox outbox = service(Outbox.class);
            for (int i = 0; i < 10; i++) {
                int n = i;
                RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "pg test"),
                        () -> outbox.enqueue(new OutgoingMail("m" + n + "@pg.test", "pg mail " + n, "body", null)));
            }
            await("ten mails", 30, () -> mailbox.messages().length >= 10);
            Thread.sleep(1500);
            Set<String> subjects = new HashSet<>();
            for (MimeMessage m : mailbox.messages()) {
                assertTrue("sent once: " + m.getSubject(), subjects.add(m.getSubject()));
            }
            assertEquals(10, subjects.size());
        }
    }

    @Test
    public void anImportOnPostgresqlWritesEveryRowWithItsSearchWordsAndHistory() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        String admin = createAgency("pg-import");
        // more rows than one rewritten multi-row insert takes (the driver sends batches as INSERT … VALUES of up to 128
        // rows), every other row without an e-mail (a NULL in the middle of a batch)
        StringBuilder csv = new StringBuilder("Name,Company name,E-mail,Payment day\r\n");
        int rows = 300;
        for (int i = 0; i < rows; i++) {
            csv.append("Cliente ").append(code(i)).append(",Empresa ").append(code(i)).append(" Ltda,")
                    .append(i % 2 == 0 ? code(i) + "@pg.test" : "").append(',').append(i % 3 == 0 ? "15" : "").append("\r\n");
        }
        Answer imported = upload("/v1/customers/import", admin, "customers.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(rows, imported.json().path("created").asInt());

        int listed = 0;
        String cursor = null;
        do {
            JsonNode page = get("/v1/customers?limit=200" + (cursor == null ? "" : "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin).json();
            listed += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertEquals(rows, listed);

        for (int i : new int[] {0, 127, 128, 255, 299}) {
            JsonNode found = get("/v1/customers?q=" + code(i), admin).json().path("items");
            assertEquals("one customer has the word " + code(i), 1, found.size());
            JsonNode customer = found.get(0);
            assertEquals("Empresa " + code(i) + " Ltda", customer.path("companyName").asText());
            assertEquals(i % 2 == 0 ? code(i) + "@pg.test" : null, customer.path("email").isNull() ? null : customer.path("email").asText());
            assertEquals(i % 3 == 0 ? 15 : 0, customer.path("complementary").path("paymentDay").asInt());
            JsonNode history = get("/v1/customers/" + customer.path("id").asText() + "/history", admin).json().path("items");
            assertEquals(1, history.size());
            assertEquals("CREATED", history.get(0).path("action").asText());
        }
    }

    /** A word of letters only that names row i ("pgaa", "pgab", …): a search for it finds that row alone. */
    @Test
    public void statementsAreCutOffAtTheTimeoutAndBulkReadsGetTheirOwn() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        Database database = service(Database.class);
        long t0 = System.nanoTime();
        try {
            database.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM (SELECT pg_sleep(30)) s"));
            fail("a 30 s statement ran past the 4 s timeout");
        } catch (DataAccessException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            java.sql.SQLException cause = (java.sql.SQLException) e.getCause();
            assertEquals("PostgreSQL cancelled it (query_canceled)", "57014", cause.getSQLState());
            assertTrue("cut off after " + ms + " ms", ms >= 3_500 && ms < 15_000);
            System.out.println("PostgresIT: a 30 s statement was cut off after " + ms + " ms (SQLState 57014)");
        }
        // an export's reads run under the bulk timeout (600 s)
        assertEquals(1L, (long) database.bulkRead(() -> database.inTransaction(c -> Jdbc.count(c,
                "SELECT COUNT(*) FROM (SELECT pg_sleep(5)) s"))));
    }

    @Test
    public void theIJobUnitKeepsJobsPiecesAndTheirVersionsOnPostgresql() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        String admin = createAgency("pg-ijob", "ijob");
        String customerId = post("/v1/customers", admin, Map.of("name", "Acme", "companyName", "Acme Ltd")).json().path("id").asText();
        Answer template = post("/v1/job-templates", admin, Map.of("name", "Campaign", "briefingQuestions", List.of("Goal?"),
                "pieces", List.of(Map.of("title", "Poster", "steps", List.of(Map.of("type", "TASK", "name", "Design", "dueInDays", 2),
                        Map.of("type", "TASK", "name", "Print"))))));
        assertEquals(template.body(), 201, template.status());
        Answer job = post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "Launch", "templateId",
                template.json().path("id").asText(), "briefing", Map.of("Goal?", "Reach\nmore people")));
        assertEquals(job.body(), 201, job.status());
        assertEquals("\"0\"", job.header("ETag"));
        String jobId = job.json().path("id").asText();
        assertEquals("Reach\nmore people", get("/v1/jobs/" + jobId, admin).json().path("briefing").path("Goal?").asText());
        Answer renamed = call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json", "{\"title\":\"Launch 2\"}", "If-Match", "\"0\"");
        assertEquals(renamed.body(), 200, renamed.status());
        assertEquals("\"1\"", renamed.header("ETag"));
        assertProblem(call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json", "{\"title\":\"Lost\"}", "If-Match", "\"0\""),
                412, "precondition_failed");
        JsonNode piece = get("/v1/jobs/" + jobId + "/pieces", admin).json().path("items").get(0);
        String pieceId = piece.path("id").asText();
        Answer completed = post("/v1/pieces/" + pieceId + "/steps/" + piece.path("steps").get(0).path("id").asText() + "/complete", admin, Map.of());
        assertEquals(completed.body(), 200, completed.status());
        assertEquals("\"1\"", completed.header("ETag"));
        JsonNode read = get("/v1/pieces/" + pieceId, admin).json();
        assertEquals("IN_PROGRESS", read.path("status").asText());
        assertEquals("DONE", read.path("steps").get(0).path("status").asText());
        assertEquals("OPEN", read.path("steps").get(1).path("status").asText());
        assertEquals(4, read.path("timeline").size()); // PIECE_CREATED, STEP_OPENED, STEP_COMPLETED, STEP_OPENED
        assertEquals(completed.json(), read);
    }

    @Test
    public void monthlyFeesGoFromFeeToPaidInvoiceOnPostgresqlThroughTheirPersistenceUnit() throws Exception {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        assertTrue("the module's unit is up on PostgreSQL",
                bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory", "(osgi.unit.name=monthly-fee)") != null);
        String admin = createAgency("pg-fees", "monthly-fee");
        String other = createAgency("pg-fees-other", "monthly-fee");
        Answer customer = post("/v1/customers", admin, Map.of("name", "Padaria PG", "companyName", "Padaria PG Ltda", "address", Map.of("postalCode", "01001-000",
                "street", "Praça da Sé", "number", "1", "city", "São Paulo", "state", "SP", "country", "BR")));
        assertEquals(customer.body(), 201, customer.status());
        Answer created = post("/v1/monthly-fees", admin, Map.of("customerId", customer.json().path("id").asText(), "description", "Retainer",
                "amount", "250.00", "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-02-28", "paymentDay", 10));
        assertEquals(created.body(), 201, created.status());
        String feeId = created.json().path("id").asText();
        Answer read = get("/v1/monthly-fees/" + feeId, admin);
        assertEquals("what was answered at creation is what PostgreSQL kept", created.json(), read.json());
        assertEquals("\"0\"", read.header("ETag"));
        assertProblem(get("/v1/monthly-fees/" + feeId, other), 404, "not_found");
        assertProblem(call("PATCH", "/v1/monthly-fees/" + feeId, bearer(admin), "application/json", "{\"amount\":\"300.00\"}",
                "If-Match", "\"5\""), 412, "precondition_failed");
        Answer patched = call("PATCH", "/v1/monthly-fees/" + feeId, bearer(admin), "application/json", "{\"amount\":\"300.00\"}",
                "If-Match", "\"0\"");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("\"1\"", patched.header("ETag"));
        String pdf = "%PDF-1.4\n% on PostgreSQL\n%%EOF\n";
        Answer uploaded = call("PUT", "/v1/monthly-fees/" + feeId + "/document", bearer(admin), "application/pdf", pdf);
        assertEquals(uploaded.body(), 200, uploaded.status());
        assertEquals("\"2\"", uploaded.header("ETag"));
        assertEquals(pdf, get("/v1/monthly-fees/" + feeId + "/document", admin).body());

        JsonNode entries = get("/v1/monthly-fees/" + feeId + "/entries", admin).json().path("items");
        assertEquals(2, entries.size());
        for (JsonNode e : entries) {
            assertEquals("300.00", e.path("amount").asText());
            Answer approved = call("PATCH", "/v1/fee-entries/" + e.path("id").asText(), bearer(admin), "application/json",
                    "{\"approvedByCustomer\":true}");
            assertEquals(approved.body(), 200, approved.status());
        }
        Answer issued = post("/v1/pre-billing/invoices", admin, Map.of("entryIds", List.of(entries.get(0).path("id").asText(),
                entries.get(1).path("id").asText())));
        assertEquals(issued.body(), 201, issued.status());
        JsonNode invoice = issued.json().path("items").get(0);
        assertEquals(1, invoice.path("number").asLong());
        assertEquals("600.00", invoice.path("total").asText());
        assertEquals(2, invoice.path("lines").size());
        Answer paid = post("/v1/invoices/" + invoice.path("id").asText() + "/payments", admin, Map.of("amount", "600.00", "method", "PIX"));
        assertEquals(paid.body(), 200, paid.status());
        assertEquals("PAID", paid.json().path("status").asText());
        assertEquals("\"2\"", paid.header("ETag"));
        assertEquals(paid.json(), get("/v1/invoices/" + invoice.path("id").asText(), admin).json());
        assertProblem(get("/v1/invoices/" + invoice.path("id").asText(), other), 404, "not_found");
    }

    @Test
    public void theBudgetReportAddsUpOnPostgresqlAndExportsAreSpooled() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        String admin = createAgency("pg-budget", "budget");
        Answer customer = post("/v1/customers", admin, Map.of("name", "Acme", "companyName", "Acme Ltd"));
        String customerId = customer.json().path("id").asText();
        String[] budgets = new String[2];
        for (int b = 0; b < 2; b++) {
            Answer created = post("/v1/budgets", admin, Map.of("customerId", customerId, "campaign", "C" + b, "amount", "100.00",
                    "currency", "BRL", "startDate", "2026-01-01", "endDate", "2026-12-31"));
            assertEquals(created.body(), 201, created.status());
            budgets[b] = created.json().path("id").asText();
        }
        for (String[] e : new String[][] {{budgets[0], "COMMITTED", "30.00"}, {budgets[0], "SPENT", "55.50"},
                {budgets[1], "COMMITTED", "10.00"}}) {
            assertEquals(201, post("/v1/budgets/" + e[0] + "/entries", admin, Map.of("kind", e[1], "amount", e[2])).status());
        }
        JsonNode over = get("/v1/reports/budget-management?overThreshold=true", admin).json().path("items");
        assertEquals(1, over.size());
        assertEquals(budgets[0], over.get(0).path("budgetId").asText());
        assertEquals("30.00", over.get(0).path("committed").asText());
        assertEquals("55.50", over.get(0).path("spent").asText());
        assertEquals("WARNING", over.get(0).path("state").asText());
        JsonNode under = get("/v1/reports/budget-management?overThreshold=false", admin).json().path("items");
        assertEquals(1, under.size());
        assertEquals("10.00", under.get(0).path("committed").asText());
        Answer csv = get("/v1/reports/budget-management/export?format=csv", admin);
        assertEquals(200, csv.status());
        assertTrue(csv.body(), csv.body().contains(budgets[0]) && csv.body().contains("55.50"));
        Answer customers = get("/v1/customers/export?format=csv", admin);
        assertEquals(200, customers.status());
        assertTrue(customers.body().contains("Acme Ltd"));
    }

    private static String code(int i) {
        return "pg" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + (char) ('a' + i / 676);
    }

    @Test
    public void contactsKeepTheirFieldsVersionsAndOrderOnPostgresqlThroughTheirPersistenceUnit() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        String admin = createAgency("pg-contacts");
        String customerId = post("/v1/customers", admin, Map.of("name", "Contatos", "companyName", "Contatos Ltda")).json().path("id").asText();
        Answer paula = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Paula", "email", "Paula@Bakery.test",
                "primary", true, "notes", "prefers mornings"));
        assertEquals(paula.body(), 201, paula.status());
        assertEquals("\"0\"", paula.header("ETag"));
        String paulaId = paula.json().path("id").asText();
        Answer rita = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Rita", "primary", true));
        assertEquals(rita.body(), 201, rita.status());
        String ritaId = rita.json().path("id").asText();
        JsonNode list = get("/v1/customers/" + customerId + "/contacts", admin).json().path("items");
        assertEquals(2, list.size());
        assertEquals("the new primary first", ritaId, list.get(0).path("id").asText());
        assertEquals(paulaId, list.get(1).path("id").asText());
        assertEquals("the former primary is an ordinary contact, one version later", 1, list.get(1).path("version").asLong());
        assertTrue(!list.get(1).path("primary").asBoolean());
        assertEquals("prefers mornings", list.get(1).path("notes").asText());
        assertEquals("NONE", list.get(1).path("portalStatus").asText());
        Answer renamed = call("PATCH", "/v1/contacts/" + paulaId, bearer(admin), "application/json", "{\"position\":\"Owner\"}",
                "If-Match", "\"1\"");
        assertEquals(renamed.body(), 200, renamed.status());
        assertEquals("\"2\"", renamed.header("ETag"));
        assertEquals(renamed.json(), get("/v1/contacts/" + paulaId, admin).json());
        assertProblem(call("PATCH", "/v1/contacts/" + paulaId, bearer(admin), "application/json", "{\"position\":\"Lost\"}",
                "If-Match", "\"1\""), 412, "precondition_failed");
        assertEquals(204, call("DELETE", "/v1/contacts/" + ritaId, bearer(admin), null, null).status());
        assertProblem(get("/v1/contacts/" + ritaId, admin), 404, "not_found");
        assertEquals(1, get("/v1/customers/" + customerId + "/contacts", admin).json().path("items").size());
    }

    @Test
    public void commentAttachmentsAreStoredAndDownloadedOnPostgresql() {
        assumeTrue("no PostgreSQL reachable on 127.0.0.1:5432", Boolean.getBoolean("clientele.it.postgres"));
        String admin = createAgency("pg-files");
        String customerId = post("/v1/customers", admin, Map.of("name", "Arquivo", "companyName", "Arquivo Ltda")).json().path("id").asText();
        String commentId = post("/v1/customers/" + customerId + "/comments", admin, Map.of("body", "the briefing notes")).json()
                .path("id").asText();
        String notes = "Olá — notas da reunião\nsegunda linha";
        String boundary = "----clientele-pg-" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notas.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + notes + "\r\n--" + boundary + "--\r\n";
        Answer uploaded = call("POST", "/v1/comments/" + commentId + "/attachments", bearer(admin),
                "multipart/form-data; boundary=" + boundary, multipart);
        assertEquals(uploaded.body(), 201, uploaded.status());
        Answer downloaded = get("/v1/attachments/" + uploaded.json().path("id").asText(), admin);
        assertEquals(downloaded.body(), 200, downloaded.status());
        assertEquals("the bytes PostgreSQL kept are the bytes sent", notes, downloaded.body());
    }
}
