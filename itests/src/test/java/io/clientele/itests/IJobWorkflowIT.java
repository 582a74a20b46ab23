package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
 * The iJob approval workflow through the real distribution and a real SMTP server (GreenMail): a piece runs
 * TASK → CUSTOMER_APPROVAL → TASK, the customer's contact requests changes twice (alteration loop) and approves,
 * with the e-mails, notifications, timeline, visibility rules and module gating a user would notice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IJobWorkflowIT extends ClienteleTestSupport {

    private static final String PUBLIC_BASE = "https://clients.example.test";
    private static final Pattern ACTIVATION = Pattern.compile("/portal/[a-z0-9-]+/activate\\?token=([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/io.clientele.contact.portal.cfg", "publicBaseUrl", PUBLIC_BASE),
                editConfigurationFilePut("etc/io.clientele.ijob.cfg", "publicBaseUrl", PUBLIC_BASE + "/")))
                .toArray(new Option[0]);
    }

    // ---- helpers

    private String user(String admin, String agency, String name, String role) {
        Answer a = post("/v1/users", admin, Map.of("name", name, "email", name.toLowerCase() + "@" + agency + ".test",
                "roles", List.of(role), "password", "passphrase of " + name));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String loginAs(String agency, String name) {
        return login(agency, name.toLowerCase() + "@" + agency + ".test", "passphrase of " + name);
    }

    private String customer(String admin, Map<String, Object> fields) {
        Answer a = post("/v1/customers", admin, fields);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    /** A contact of the customer with an active portal account; returns its access token. */
    private String portalContact(String admin, String customerId, String email) {
        Answer c = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", "Contact " + email, "email", email));
        assertEquals(c.body(), 201, c.status());
        String contactId = c.json().path("id").asText();
        assertEquals(202, call("POST", "/v1/contacts/" + contactId + "/portal-invite", bearer(admin), null, null).status());
        Matcher m = ACTIVATION.matcher(mailbox.awaitMails(email, 1).get(0));
        assertTrue(m.find());
        Answer activated = post("/v1/portal/auth/activate", null, Map.of("token", m.group(1), "password", "a long passphrase for " + email));
        assertEquals(activated.body(), 200, activated.status());
        return activated.json().path("accessToken").asText();
    }

    private JsonNode piece(String token, String pieceId) {
        Answer a = get("/v1/pieces/" + pieceId, token);
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    private static JsonNode openStep(JsonNode piece) {
        for (JsonNode s : piece.path("steps")) {
            if ("OPEN".equals(s.path("status").asText())) {
                return s;
            }
        }
        return null;
    }

    private static String shape(JsonNode piece) {
        List<String> out = new ArrayList<>();
        piece.path("steps").forEach(s -> out.add(s.path("type").asText() + ":" + s.path("status").asText()));
        return String.join(" ", out);
    }

    private Answer complete(String token, String pieceId, String stepId) {
        return call("POST", "/v1/pieces/" + pieceId + "/steps/" + stepId + "/complete", bearer(token), null, null);
    }

    private long notificationsOfKind(String token, String kind, String containing) {
        JsonNode items = get("/v1/notifications", token).json().path("items");
        long n = 0;
        for (JsonNode i : items) {
            if (kind.equals(i.path("kind").asText()) && i.path("body").asText().contains(containing)) {
                n++;
            }
        }
        return n;
    }

    // ---- tests

    @Test
    public void aPieceRunsThroughApprovalWithTwoAlterationLoops() {
        String agency = "ijob-flow";
        String admin = createAgency(agency, "ijob");
        String samId = user(admin, agency, "Sam", "SERVICE");
        String colaId = user(admin, agency, "Cola", "COLLABORATOR");
        user(admin, agency, "Otto", "COLLABORATOR");
        String sam = loginAs(agency, "Sam");
        String cola = loginAs(agency, "Cola");
        String otto = loginAs(agency, "Otto");

        String customerId = customer(admin, Map.of("name", "Secret Bakery", "companyName", "Secret Bakery Ltd", "restricted", true,
                "portalAccess", true, "serviceManagerId", samId));
        String otherCustomer = customer(admin, Map.of("name", "Other Shop", "companyName", "Other Shop Ltd", "portalAccess", true));
        String contact = portalContact(admin, customerId, "paula@bakery.test");
        String stranger = portalContact(admin, otherCustomer, "olivia@other.test");

        // before any step assignment, collaborators do not see the restricted customer
        assertProblem(get("/v1/customers/" + customerId, cola), 404, "not_found");

        Answer job = post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "Spring campaign", "ijob", true,
                "briefing", Map.of("Goal?", "More bread sold")));
        assertEquals(job.body(), 201, job.status());
        String jobId = job.json().path("id").asText();
        assertEquals("\"0\"", job.header("ETag"));
        Answer created = post("/v1/jobs/" + jobId + "/pieces", admin, Map.of("title", "Poster", "steps", List.of(
                Map.of("type", "TASK", "name", "Design poster", "assigneeId", colaId),
                Map.of("type", "CUSTOMER_APPROVAL", "name", "Poster approval"),
                Map.of("type", "TASK", "name", "Print poster", "assigneeId", colaId))));
        assertEquals(created.body(), 201, created.status());
        String pieceId = created.json().path("id").asText();
        assertEquals("TASK:OPEN CUSTOMER_APPROVAL:PENDING TASK:PENDING", shape(created.json()));
        assertEquals("IN_PROGRESS", created.json().path("status").asText());

        // a collaborator assigned to a step now sees the restricted customer; another one still does not
        assertEquals(200, get("/v1/customers/" + customerId, cola).status());
        assertProblem(get("/v1/customers/" + customerId, otto), 404, "not_found");
        assertProblem(get("/v1/pieces/" + pieceId, otto), 404, "not_found");

        // out of order: the customer cannot approve before the task is done; a TASK that is not open cannot be completed
        assertProblem(call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(contact), null, null), 409, "conflict");
        String printId = created.json().path("steps").get(2).path("id").asText();
        assertProblem(complete(cola, pieceId, printId), 409, "conflict");

        String designId = created.json().path("steps").get(0).path("id").asText();
        JsonNode afterDesign = complete(cola, pieceId, designId).json();
        assertEquals("TASK:DONE CUSTOMER_APPROVAL:OPEN TASK:PENDING", shape(afterDesign));
        assertEquals("AWAITING_CUSTOMER", afterDesign.path("status").asText());
        String approvalId = openStep(afterDesign).path("id").asText();
        // staff cannot decide for the customer
        assertProblem(complete(admin, pieceId, approvalId), 409, "conflict");

        // the contact gets exactly one e-mail with the piece link (the first mail was its invitation)
        String link = PUBLIC_BASE + "/portal/" + agency + "/pieces/" + pieceId;
        List<String> mails = mailbox.awaitMails("paula@bakery.test", 2);
        assertTrue(mails.get(1), mails.get(1).contains(link));
        assertEquals(1, mailbox.mailsTo("paula@bakery.test").stream().filter(m -> m.contains(link)).count());
        assertTrue(mailbox.mailsTo("olivia@other.test").stream().noneMatch(m -> m.contains("/pieces/")));

        // the contact's dashboard: actionable, the team's finished step shown done, without user ids
        JsonNode dashboard = get("/v1/portal/pieces", contact).json().path("items");
        assertEquals(dashboard.toString(), 1, dashboard.size());
        assertEquals(pieceId, dashboard.get(0).path("id").asText());
        assertTrue(dashboard.get(0).path("actionable").asBoolean());
        assertEquals("DONE", dashboard.get(0).path("steps").get(0).path("status").asText());
        assertEquals("OPEN", dashboard.get(0).path("steps").get(1).path("status").asText());
        assertFalse(dashboard.toString(), dashboard.toString().contains(colaId));
        assertEquals(0, get("/v1/portal/pieces", stranger).json().path("items").size());

        // another customer's contact cannot reach the piece
        assertProblem(get("/v1/portal/pieces/" + pieceId, stranger), 404, "not_found");
        assertProblem(call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(stranger), null, null), 404, "not_found");
        // a comment is required
        assertProblem(post("/v1/portal/pieces/" + pieceId + "/request-changes", contact, Map.of("comment", " ")), 400, "validation_failed");
        assertProblem(post("/v1/portal/pieces/" + pieceId + "/request-changes", contact, Map.of("comment", "x".repeat(5001))),
                400, "validation_failed");

        for (int round = 1; round <= 2; round++) {
            String comment = "Round " + round + ": make the logo bigger";
            Answer asked = post("/v1/portal/pieces/" + pieceId + "/request-changes", contact, Map.of("comment", comment));
            assertEquals(asked.body(), 200, asked.status());
            assertFalse(asked.json().path("actionable").asBoolean());
            // the service manager: an in-app notification and an e-mail, both with the comment
            assertEquals(1, notificationsOfKind(sam, "ijob_changes_requested", comment));
            int r = round;
            await("change-request mail " + round, 30, () -> mailbox.mailsTo("sam@" + agency + ".test").stream().filter(m -> m.contains(comment)).count() == 1);
            // an alteration step assigned to the service manager, due in about two days, is open
            JsonNode p = piece(admin, pieceId);
            JsonNode alteration = openStep(p);
            assertEquals("CUSTOMER_ALTERATION", alteration.path("type").asText());
            assertEquals(samId, alteration.path("assigneeId").asText());
            long hours = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(alteration.path("dueAt").asText())).toHours();
            assertTrue("due in " + hours + " h", hours >= 47 && hours <= 48);
            assertEquals("IN_PROGRESS", p.path("status").asText());
            // a collaborator not assigned to it may not complete it; the customer cannot decide meanwhile
            assertProblem(complete(cola, pieceId, alteration.path("id").asText()), 403, "forbidden");
            assertProblem(call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(contact), null, null), 409, "conflict");
            JsonNode reopened = complete(sam, pieceId, alteration.path("id").asText()).json();
            assertEquals("CUSTOMER_APPROVAL", openStep(reopened).path("type").asText());
            assertEquals("AWAITING_CUSTOMER", reopened.path("status").asText());
            // invitation + the first approval mail + one per reopened approval
            assertEquals(1 + r, mailbox.awaitMails("paula@bakery.test", 2 + r).stream().filter(m -> m.contains(link)).count());
        }
        assertEquals("TASK:DONE CUSTOMER_APPROVAL:DONE CUSTOMER_ALTERATION:DONE CUSTOMER_APPROVAL:DONE CUSTOMER_ALTERATION:DONE "
                + "CUSTOMER_APPROVAL:OPEN TASK:PENDING", shape(piece(admin, pieceId)));

        Answer approved = call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(contact), null, null);
        assertEquals(approved.body(), 200, approved.status());
        assertEquals("IN_PROGRESS", approved.json().path("status").asText());
        assertProblem(call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(contact), null, null), 409, "conflict");
        JsonNode finished = complete(cola, pieceId, printId).json();
        assertEquals("FINISHED", finished.path("status").asText());
        assertEquals("FINISHED", get("/v1/portal/pieces/" + pieceId, contact).json().path("status").asText());

        // the timeline lists every action with its actor
        List<String> actions = new ArrayList<>();
        finished.path("timeline").forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(List.of("PIECE_CREATED", "STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED",
                "CHANGES_REQUESTED", "STEP_INSERTED", "STEP_INSERTED", "STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED",
                "CHANGES_REQUESTED", "STEP_INSERTED", "STEP_INSERTED", "STEP_OPENED", "STEP_COMPLETED", "STEP_OPENED",
                "APPROVED", "STEP_OPENED", "STEP_COMPLETED", "PIECE_FINISHED"), actions);
        JsonNode firstChange = finished.path("timeline").get(4);
        assertEquals("Round 1: make the logo bigger", firstChange.path("comment").asText());
        assertEquals("CONTACT", firstChange.path("actor").path("kind").asText());
        assertEquals("Contact paula@bakery.test", firstChange.path("actor").path("name").asText());
        assertEquals(colaId, finished.path("timeline").get(2).path("actor").path("id").asText());
        // the portal's timeline hides user ids
        String portalView = get("/v1/portal/pieces/" + pieceId, contact).body();
        assertTrue(portalView.contains("Round 2: make the logo bigger"));
        assertFalse(portalView.contains(colaId));
        assertFalse(portalView.contains(samId));

        // every change is in the customer's history
        String historyText = get("/v1/customers/" + customerId + "/history?limit=200", admin).body();
        assertTrue(historyText.contains("\"entity\":\"job\""));
        assertTrue(historyText.contains("CHANGES_REQUESTED"));
        assertTrue(historyText.contains("APPROVED"));
    }

    /** A small real PNG (a coloured rectangle), as an image a browser shows. */
    static byte[] png(int width, int height, java.awt.Color color) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    public void aPieceCarriesItsFileVersionsThroughAChangeRequest() {
        String agency = "ijob-files";
        String admin = createAgency(agency, "ijob");
        String other = createAgency("ijob-files-other", "ijob");
        String customerId = customer(admin, Map.of("name", "Print Shop", "companyName", "Print Shop Ltd", "portalAccess", true));
        String otherCustomer = customer(admin, Map.of("name", "Neighbour", "companyName", "Neighbour Ltd", "portalAccess", true));
        String contact = portalContact(admin, customerId, "fiona@print.test");
        String stranger = portalContact(admin, otherCustomer, "nico@neighbour.test");
        String jobId = post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "Shop window", "ijob", true)).json().path("id").asText();
        Answer created = post("/v1/jobs/" + jobId + "/pieces", admin, Map.of("title", "Window poster", "steps", List.of(
                Map.of("type", "TASK", "name", "Design"), Map.of("type", "CUSTOMER_APPROVAL", "name", "Poster approval"))));
        assertEquals(created.body(), 201, created.status());
        String pieceId = created.json().path("id").asText();
        String files = "/v1/pieces/" + pieceId + "/files";

        // version 1, an image: typed by its bytes, numbered, of the first approval round
        byte[] v1Bytes = png(64, 40, java.awt.Color.ORANGE);
        Answer v1 = sendFile("POST", files, admin, "window-poster.png", "image/png", v1Bytes);
        assertEquals(v1.body(), 201, v1.status());
        String v1Id = v1.json().path("id").asText();
        assertTrue(v1.header("Location"), v1.header("Location").endsWith(files + "/" + v1Id));
        assertEquals(1, v1.json().path("versionNumber").asInt());
        assertEquals(1, v1.json().path("round").asInt());
        assertEquals("image/png", v1.json().path("contentType").asText());
        assertEquals(v1Bytes.length, v1.json().path("size").asLong());
        assertFalse(v1.json().path("reviewed").asBoolean());

        // an SVG (it can carry a script) and an HTML page are refused by their content, naming the field
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("file", assertProblem(sendFile("POST", files, admin, "logo.svg", "image/svg+xml", svg), 415, "unsupported_media_type")
                .path("errors").get(0).path("field").asText());
        assertEquals("file", assertProblem(sendFile("POST", files, admin, "logo.png", "image/png", svg), 415, "unsupported_media_type")
                .path("errors").get(0).path("field").asText());
        // another agency reaches neither the piece's files nor the piece
        assertProblem(get(files, other), 404, "not_found");
        assertProblem(sendFile("POST", files, other, "x.png", "image/png", v1Bytes), 404, "not_found");
        assertProblem(call("DELETE", files + "/" + v1Id, bearer(other), null, null), 404, "not_found");
        assertEquals(404, binary(files + "/" + v1Id, other).status());

        // the design is done: the approval opens; its e-mail names the version to review
        String designId = created.json().path("steps").get(0).path("id").asText();
        assertEquals("AWAITING_CUSTOMER", complete(admin, pieceId, designId).json().path("status").asText());
        assertTrue(mailbox.awaitMails("fiona@print.test", 2).get(1).contains("window-poster.png"));

        // the contact sees version 1 and downloads the same bytes, as an attachment that is never sniffed
        JsonNode seen = get("/v1/portal/pieces/" + pieceId, contact).json();
        assertEquals(v1Id, seen.path("currentFile").path("id").asText());
        assertEquals(1, seen.path("currentFile").path("versionNumber").asInt());
        assertEquals(0, seen.path("earlierFiles").size());
        Binary download = binary("/v1/portal/pieces/" + pieceId + "/files/" + v1Id, contact);
        assertEquals(200, download.status());
        assertTrue(java.util.Arrays.equals(v1Bytes, download.body()));
        assertEquals("image/png", download.header("Content-Type"));
        assertEquals("nosniff", download.header("X-Content-Type-Options"));
        assertTrue(download.header("Content-Disposition"), download.header("Content-Disposition").startsWith("attachment; filename=\"window-poster.png\""));
        // another customer's contact: 404 for the piece and its file
        assertEquals(404, binary("/v1/portal/pieces/" + pieceId + "/files/" + v1Id, stranger).status());
        assertProblem(get("/v1/portal/pieces/" + pieceId, stranger), 404, "not_found");

        // changes requested: version 1 is reviewed and can no longer be deleted
        assertEquals(200, post("/v1/portal/pieces/" + pieceId + "/request-changes", contact, Map.of("comment", "Warmer colours")).status());
        assertTrue(get(files, admin).json().path("items").get(0).path("reviewed").asBoolean());
        assertProblem(call("DELETE", files + "/" + v1Id, bearer(admin), null, null), 409, "conflict");

        // version 2 (a PDF proof) answers the change request; the alteration is done and the approval reopens
        byte[] v2Bytes = "%PDF-1.4\n% window poster v2\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Answer v2 = sendFile("POST", files, admin, "window-poster-v2.pdf", "application/pdf", v2Bytes);
        assertEquals(v2.body(), 201, v2.status());
        String v2Id = v2.json().path("id").asText();
        assertEquals(2, v2.json().path("versionNumber").asInt());
        assertEquals(2, v2.json().path("round").asInt());
        JsonNode listed = get(files, admin).json().path("items");
        assertEquals(List.of(v2Id, v1Id), listed.findValuesAsText("id"));
        JsonNode alteration = openStep(piece(admin, pieceId));
        assertEquals("CUSTOMER_ALTERATION", alteration.path("type").asText());
        assertEquals("AWAITING_CUSTOMER", complete(admin, pieceId, alteration.path("id").asText()).json().path("status").asText());
        List<String> mails = mailbox.awaitMails("fiona@print.test", 3);
        assertTrue(mails.get(2), mails.get(2).contains("window-poster-v2.pdf"));
        try {
            Thread.sleep(2000); // a mail per upload would have been queued before the approval's: give it time to arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals("one approval e-mail per opened approval, none per upload", 3, mailbox.mailsTo("fiona@print.test").size());

        // the contact sees version 2 as current, version 1 in its history, and the timeline shows which answered the request
        JsonNode second = get("/v1/portal/pieces/" + pieceId, contact).json();
        assertEquals(v2Id, second.path("currentFile").path("id").asText());
        assertEquals("application/pdf", second.path("currentFile").path("contentType").asText());
        assertEquals(1, second.path("earlierFiles").size());
        assertEquals(v1Id, second.path("earlierFiles").get(0).path("id").asText());
        assertTrue(second.path("earlierFiles").get(0).path("reviewed").asBoolean());
        List<String> loop = new ArrayList<>();
        second.path("timeline").forEach(e -> {
            if (e.hasNonNull("fileVersion") || "CHANGES_REQUESTED".equals(e.path("action").asText())) {
                loop.add(e.path("action").asText() + (e.hasNonNull("fileVersion") ? " " + e.path("fileVersion").asInt() : ""));
            }
        });
        assertEquals(List.of("FILE_UPLOADED 1", "CHANGES_REQUESTED", "FILE_UPLOADED 2"), loop);
        assertTrue(java.util.Arrays.equals(v2Bytes, binary("/v1/portal/pieces/" + pieceId + "/files/" + v2Id, contact).body()));
        assertTrue(java.util.Arrays.equals(v2Bytes, binary(files + "/" + v2Id, admin).body()));

        Answer approved = call("POST", "/v1/portal/pieces/" + pieceId + "/approve", bearer(contact), null, null);
        assertEquals(approved.body(), 200, approved.status());
        assertEquals("FINISHED", approved.json().path("status").asText());
        assertProblem(call("DELETE", files + "/" + v2Id, bearer(admin), null, null), 409, "conflict");
        // a version not reviewed yet can be withdrawn
        String v3Id = sendFile("POST", files, admin, "final.zip", "application/zip", zip()).json().path("id").asText();
        assertEquals(204, call("DELETE", files + "/" + v3Id, bearer(admin), null, null).status());
        assertEquals(2, get(files, admin).json().path("items").size());
        assertTrue(get("/v1/customers/" + customerId + "/history?limit=200", admin).body().contains("FILE_UPLOADED"));
    }

    private static byte[] zip() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            z.putNextEntry(new java.util.zip.ZipEntry("poster/print.txt"));
            z.write("print at 300 dpi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    public void stepsAreReassignedAndJobsVersionedAndRequestedFromThePortal() {
        String agency = "ijob-edit";
        String admin = createAgency(agency, "ijob");
        String colaId = user(admin, agency, "Cola", "COLLABORATOR");
        String parent = customer(admin, Map.of("name", "Holding", "companyName", "Holding SA", "portalAccess", true));
        String member = customer(admin, Map.of("name", "Member", "companyName", "Member SA", "groupId", parent));
        String outsider = customer(admin, Map.of("name", "Outsider", "companyName", "Outsider SA"));
        String contact = portalContact(admin, parent, "hugo@holding.test");

        // a template's pieces and steps are copied into the job
        Answer template = post("/v1/job-templates", admin, Map.of("name", "Campaign", "briefingQuestions", List.of("Goal?"),
                "pieces", List.of(Map.of("title", "Banner", "steps", List.of(
                        Map.of("type", "TASK", "name", "Draft", "assigneeId", colaId, "dueInDays", 3),
                        Map.of("type", "CUSTOMER_APPROVAL", "name", "Banner approval"))))));
        assertEquals(template.body(), 201, template.status());
        assertEquals("pieces[0].steps[0].type", assertProblem(post("/v1/job-templates", admin, Map.of("name", "Bad",
                "pieces", List.of(Map.of("title", "x", "steps", List.of(Map.of("type", "NOPE", "name", "n")))))), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());
        Answer job = post("/v1/jobs", admin, Map.of("customerId", parent, "title", "From template", "ijob", false,
                "templateId", template.json().path("id").asText(), "budgetId", "budget-42"));
        assertEquals(job.body(), 201, job.status());
        String jobId = job.json().path("id").asText();
        assertEquals("budget-42", job.json().path("budgetId").asText());
        JsonNode pieces = get("/v1/jobs/" + jobId + "/pieces", admin).json().path("items");
        assertEquals(1, pieces.size());
        assertEquals("TASK:OPEN CUSTOMER_APPROVAL:PENDING", shape(pieces.get(0)));
        assertEquals(colaId, pieces.get(0).path("steps").get(0).path("assigneeId").asText());
        String pieceId = pieces.get(0).path("id").asText();

        // not flagged iJob: the contact does not see it
        assertEquals(0, get("/v1/portal/pieces", contact).json().path("items").size());
        assertProblem(get("/v1/portal/pieces/" + pieceId, contact), 404, "not_found");

        // jobs are versioned
        assertProblem(call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json", "{\"ijob\":true}", "If-Match", "\"7\""),
                412, "precondition_failed");
        assertProblem(call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json", "{\"customerId\":\"x\"}"), 400, "validation_failed");
        Answer flagged = call("PATCH", "/v1/jobs/" + jobId, bearer(admin), "application/json", "{\"ijob\":true}", "If-Match", "\"0\"");
        assertEquals(flagged.body(), 200, flagged.status());
        assertEquals("\"1\"", flagged.header("ETag"));
        assertEquals(1, get("/v1/portal/pieces", contact).json().path("items").size());

        // reassignment is recorded on the timeline
        String stepId = pieces.get(0).path("steps").get(0).path("id").asText();
        Answer moved = call("PATCH", "/v1/pieces/" + pieceId + "/steps/" + stepId, bearer(admin), "application/json",
                "{\"assigneeId\":null,\"dueAt\":\"2030-01-02T10:00:00Z\"}");
        assertEquals(moved.body(), 200, moved.status());
        JsonNode last = moved.json().path("timeline").get(moved.json().path("timeline").size() - 1);
        assertEquals("STEP_REASSIGNED", last.path("action").asText());
        assertEquals("assigneeId", last.path("changes").get(0).path("field").asText());
        assertEquals(colaId, last.path("changes").get(0).path("from").asText());
        assertProblem(call("PATCH", "/v1/pieces/" + pieceId + "/steps/" + stepId, bearer(admin), "application/json",
                "{\"dueAt\":\"tomorrow\"}"), 400, "validation_failed");
        assertProblem(call("PATCH", "/v1/pieces/" + pieceId + "/steps/" + stepId, bearer(admin), "application/json",
                "{\"assigneeId\":\"nobody\"}"), 400, "validation_failed");

        // job requests from the portal: own customer always; a group member only with canOpenJobsForGroup
        Answer own = post("/v1/portal/jobs", contact, Map.of("customerId", parent, "title", "New flyer", "briefing", Map.of("Size?", "A5")));
        assertEquals(own.body(), 201, own.status());
        JsonNode requested = get("/v1/jobs/" + own.json().path("id").asText(), admin).json();
        assertTrue(requested.path("ijob").asBoolean());
        assertEquals("PORTAL", requested.path("origin").asText());
        assertProblem(post("/v1/portal/jobs", contact, Map.of("customerId", member, "title", "For member")), 403, "forbidden");
        assertProblem(post("/v1/portal/jobs", contact, Map.of("customerId", outsider, "title", "For outsider")), 404, "not_found");
        String contactId = get("/v1/portal/me", contact).json().path("contact").path("id").asText();
        assertEquals(200, call("PATCH", "/v1/contacts/" + contactId, bearer(admin), "application/json",
                "{\"canOpenJobsForGroup\":true}").status());
        Answer forMember = post("/v1/portal/jobs", contact, Map.of("customerId", member, "title", "For member"));
        assertEquals(forMember.body(), 201, forMember.status());
        assertEquals(member, forMember.json().path("customerId").asText());
        assertProblem(post("/v1/portal/jobs", contact, Map.of("customerId", outsider, "title", "For outsider")), 404, "not_found");
        assertTrue(get("/v1/customers/" + member + "/history", admin).body().contains("For member"));

        // the contact's Jobs page: its customer's iJob jobs, newest first; the agency's own briefing is not shown
        JsonNode listed = get("/v1/portal/jobs", contact).json().path("items");
        assertEquals(listed.toString(), List.of(own.json().path("id").asText(), jobId), listed.findValuesAsText("id"));
        assertEquals("PORTAL", listed.get(0).path("origin").asText());
        assertEquals("A5", listed.get(0).path("briefing").path("Size?").asText());
        assertEquals("STAFF", listed.get(1).path("origin").asText());
        assertEquals(0, listed.get(1).path("briefing").size());
    }

    @Test
    public void uninstallingTheModuleLiveKeepsItsData() throws Exception {
        String admin = createAgency("ijob-live", "ijob");
        String customerId = customer(admin, Map.of("name", "Kept", "companyName", "Kept Ltd"));
        Answer job = post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "Survives a reinstall"));
        assertEquals(job.body(), 201, job.status());
        String jobId = job.json().path("id").asText();
        assertTrue("the module's own persistence unit (Aries JPA, EclipseLink) is up", ijobUnitRegistered());
        java.util.EnumSet<org.apache.karaf.features.FeaturesService.Option> options =
                java.util.EnumSet.of(org.apache.karaf.features.FeaturesService.Option.NoAutoRefreshBundles);
        featuresService.uninstallFeature("clientele-ijob", options);
        try {
            await("ijob endpoints gone", 30, () -> get("/v1/jobs/" + jobId, admin).status() == 404);
            assertEquals(200, get("/v1/customers/" + customerId, admin).status());
            assertFalse("the persistence unit left with the module", ijobUnitRegistered());
        } finally {
            featuresService.installFeature("clientele-ijob", options);
        }
        await("ijob endpoints back", 30, () -> get("/v1/jobs/" + jobId, admin).status() == 200);
        assertEquals("Survives a reinstall", get("/v1/jobs/" + jobId, admin).json().path("title").asText());
        assertTrue("and came back with it", ijobUnitRegistered());
    }

    /** Whether the iJob module's EntityManagerFactory service (Aries JPA registers one per unit) is registered. */
    private boolean ijobUnitRegistered() throws Exception {
        return bundleContext.getAllServiceReferences("javax.persistence.EntityManagerFactory", "(osgi.unit.name=ijob)") != null;
    }

    @Test
    public void agenciesNotSubscribedGet403OnStaffAndPortalEndpoints() {
        String admin = createAgency("ijob-off");
        String customerId = customer(admin, Map.of("name", "Plain", "companyName", "Plain Ltd", "portalAccess", true));
        String contact = portalContact(admin, customerId, "carl@plain.test");
        assertProblem(get("/v1/jobs", admin), 403, "module_not_enabled");
        assertProblem(post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "x")), 403, "module_not_enabled");
        assertProblem(get("/v1/job-templates", admin), 403, "module_not_enabled");
        assertProblem(get("/v1/portal/pieces", contact), 403, "module_not_enabled");
        assertProblem(post("/v1/portal/jobs", contact, Map.of("title", "x")), 403, "module_not_enabled");
        // staff tokens do not reach the portal endpoints, contact tokens not the staff ones
        String on = createAgency("ijob-on", "ijob");
        assertProblem(get("/v1/portal/pieces", on), 403, "forbidden");
        assertProblem(get("/v1/jobs", contact), 403, "forbidden");
    }
}
