package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
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
 * The module "portal" through the real distribution and a real SMTP server (GreenMail): the agency enables the portal,
 * chooses tabs and customises the invitation (its script stripped), invites contacts (the e-mail carries the custom text
 * and the link, once), a contact activates, logs in and sees its tabs, notes and requests; a tab switched off is 403, the
 * logins switch holds, another customer's contact sees none of it, and uninstalling the module live leaves contacts able
 * to log in with the platform's own invitation text back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalModuleIT extends ClienteleTestSupport {

    private static final String PUBLIC_BASE = "https://clients.example.test";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>()]+/portal/[a-z0-9-]+/(activate|reset)\\?token=([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/io.clientele.contact.portal.cfg", "publicBaseUrl", PUBLIC_BASE),
                editConfigurationFilePut("etc/io.clientele.portal.cfg", "publicBaseUrl", PUBLIC_BASE))).toArray(new Option[0]);
    }

    // ---- helpers

    private String customer(String admin, Map<String, Object> body) {
        Answer a = post("/v1/customers", admin, body);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String contact(String admin, String customerId, String name, String email) {
        Answer a = post("/v1/customers/" + customerId + "/contacts", admin, Map.of("name", name, "email", email));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private static String token(String mail) {
        Matcher m = LINK.matcher(mail);
        assertTrue("a portal link in: " + mail, m.find());
        return m.group(2);
    }

    private Answer put(String path, String token, String ifMatch, Object body) {
        return ifMatch == null ? call("PUT", path, bearer(token), "application/json", toJson(body))
                : call("PUT", path, bearer(token), "application/json", toJson(body), "If-Match", ifMatch);
    }

    private Map<String, Object> settings(List<String> tabs, boolean logins, String invitationHtml) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("enabledTabs", tabs);
        body.put("portalLoginsEnabled", logins);
        body.put("invitationEmailHtml", invitationHtml);
        return body;
    }

    private Answer portalLogin(String agency, String email, String password) {
        return post("/v1/portal/auth/login", null, Map.of("agency", agency, "email", email, "password", password));
    }

    private String activate(String mail, String password) {
        Answer a = post("/v1/portal/auth/activate", null, Map.of("token", token(mail), "password", password));
        assertEquals(a.body(), 200, a.status());
        return a.json().path("accessToken").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- the story

    @Test
    public void theAgencyRunsItsPortalAndEachContactSeesOnlyItsOwnCustomer() throws Exception {
        String other = createAgency("portal-none");
        assertProblem(get("/v1/portal/settings", other), 403, "module_not_enabled");

        String admin = createAgency("portal-story", "portal");
        assertTrue(get("/v1/modules", admin).body().contains("\"id\":\"portal\""));

        // never saved: every tab but Jobs (no ijob), logins on, the platform's e-mails; version 0
        Answer initial = get("/v1/portal/settings", admin);
        assertEquals(initial.body(), 200, initial.status());
        assertEquals("\"0\"", initial.header("ETag"));
        assertFalse(texts(initial.json().path("enabledTabs")).contains("Jobs"));
        assertTrue(initial.json().path("portalLoginsEnabled").asBoolean());

        List<String> tabs = List.of("Home", "ServiceNotes", "RequestService", "History");
        String custom = "<h2 onclick=\"steal()\">Welcome {{contactName}}</h2><script>alert('x')</script>"
                + "<p>{{agencyName}} opened its customer portal. <a href=\"{{activationLink}}\">Activate my access</a></p>";
        assertEquals("enabledTabs", assertProblem(put("/v1/portal/settings", admin, null,
                settings(List.of("Home", "Jobs"), true, null)), 400, "validation_failed").path("errors").get(0).path("field").asText());
        assertEquals("invitationEmailHtml", assertProblem(put("/v1/portal/settings", admin, null,
                settings(tabs, true, "<p>{{password}}</p>")), 400, "validation_failed").path("errors").get(0).path("field").asText());
        assertProblem(put("/v1/portal/settings", admin, "\"7\"", settings(tabs, true, custom)), 412, "precondition_failed");
        Answer saved = put("/v1/portal/settings", admin, "\"0\"", settings(tabs, true, custom));
        assertEquals(saved.body(), 200, saved.status());
        assertEquals("\"1\"", saved.header("ETag"));
        String html = saved.json().path("invitationEmailHtml").asText();
        assertFalse(html, html.contains("script") || html.contains("onclick") || html.contains("alert"));
        assertTrue(html, html.contains("Welcome {{contactName}}") && html.contains("href=\"{{activationLink}}\""));
        assertEquals(List.of("Home", "History", "ServiceNotes", "RequestService"), texts(get("/v1/portal/settings", admin).json().path("enabledTabs")));

        // FINANCE: payment settings only
        Answer fin = post("/v1/users", admin, Map.of("name", "Fiona", "email", "fiona@portal-story.test", "roles", List.of("FINANCE"),
                "password", "passphrase of Fiona"));
        assertEquals(fin.body(), 201, fin.status());
        String fiona = login("portal-story", "fiona@portal-story.test", "passphrase of Fiona");
        assertProblem(put("/v1/portal/settings", fiona, null, settings(tabs, false, html)), 403, "forbidden");
        Map<String, Object> payments = settings(List.of("Home", "Payments", "History", "ServiceNotes", "RequestService"), true, html);
        payments.put("autoChargeEmailHtml", "<p>We charged invoice {{invoiceNumber}}</p>");
        Answer finSaved = put("/v1/portal/settings", fiona, null, payments);
        assertEquals(finSaved.body(), 200, finSaved.status());
        assertEquals(200, put("/v1/portal/settings", admin, null, settings(tabs, true, html)).status());

        // the sample e-mail: the custom text with sample values, through the outbox
        Answer sample = post("/v1/portal/settings/sample-email", admin, Map.of("to", "boss@portal-story.test"));
        assertEquals(sample.body(), 202, sample.status());
        String sampleMail = mailbox.awaitMail("boss@portal-story.test", 1);
        assertTrue(sampleMail, sampleMail.contains("Welcome Maria Exemplo") && sampleMail.contains("Agency portal-story opened"));
        assertEquals("to", assertProblem(post("/v1/portal/settings/sample-email", admin, Map.of("to", "nope")), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());

        // a customer served by Sam, two contacts; another customer with its own contact
        Answer samUser = post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@portal-story.test", "roles", List.of("SERVICE"),
                "password", "passphrase of Sam"));
        assertEquals(samUser.body(), 201, samUser.status());
        String samId = samUser.json().path("id").asText();
        String bakery = customer(admin, Map.of("name", "Bakery", "companyName", "Bakery Ltd", "serviceManagerId", samId));
        String paula = contact(admin, bakery, "Paula", "paula@bakery.test");
        String florist = customer(admin, Map.of("name", "Florist", "companyName", "Florist Ltd"));
        String olga = contact(admin, florist, "Olga", "olga@florist.test");

        JsonNode without = get("/v1/portal/users?withoutAccount=true", admin).json().path("items");
        assertTrue(without.toString(), without.toString().contains(paula) && without.toString().contains("\"portalStatus\":\"NONE\""));

        // inviting several contacts at once: one mail each, idempotent
        JsonNode results = post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(paula, olga, "no-such-contact")))
                .json().path("results");
        assertEquals("INVITED", results.get(0).path("outcome").asText());
        assertEquals("INVITED", results.get(1).path("outcome").asText());
        assertEquals("NOT_FOUND", results.get(2).path("outcome").asText());
        String invitation = mailbox.awaitMail("paula@bakery.test", 1);
        assertTrue(invitation, invitation.contains("Welcome Paula"));
        assertTrue(invitation, invitation.contains("Agency portal-story opened its customer portal"));
        assertFalse(invitation, invitation.contains("alert("));
        assertTrue(invitation, invitation.contains(PUBLIC_BASE + "/portal/portal-story/activate?token="));
        JsonNode again = post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(paula))).json().path("results");
        assertEquals("ALREADY_INVITED", again.get(0).path("outcome").asText());
        Thread.sleep(1500);
        assertEquals("a contact holding a live link is not mailed twice", 1, mailbox.mailsTo("paula@bakery.test").size());

        // the contact activates, logs in, sees its tabs
        String paulaToken = activate(invitation, "paula's own long passphrase");
        Answer login = portalLogin("portal-story", "paula@bakery.test", "paula's own long passphrase");
        assertEquals(login.body(), 200, login.status());
        paulaToken = login.json().path("accessToken").asText();
        assertEquals(List.of("Home", "History", "ServiceNotes", "RequestService"), texts(get("/v1/portal/tabs", paulaToken).json().path("tabs")));
        JsonNode withAccount = get("/v1/portal/users?withoutAccount=false", admin).json().path("items");
        assertEquals(withAccount.toString(), 1, withAccount.size());
        assertEquals("ACTIVE", withAccount.get(0).path("portalStatus").asText());
        assertFalse("last login recorded", withAccount.get(0).path("lastLoginAt").isNull());
        assertProblem(get("/v1/portal/settings", paulaToken), 403, "forbidden");

        // notes staff publish, requests the contact opens, answers, the customer-visible history
        Answer note = post("/v1/customers/" + bakery + "/service-notes", admin, Map.of("body", "The technician visits on Monday."));
        assertEquals(note.body(), 201, note.status());
        JsonNode notes = get("/v1/portal/service-notes", paulaToken).json().path("items");
        assertEquals(1, notes.size());
        assertEquals("The technician visits on Monday.", notes.get(0).path("body").asText());
        assertFalse("no staff ids", notes.get(0).has("authorId"));
        Answer opened = post("/v1/portal/service-requests", paulaToken, Map.of("subject", "Oven broken", "description", "It does not heat."));
        assertEquals(opened.body(), 201, opened.status());
        String requestId = opened.json().path("id").asText();
        assertEquals("subject", assertProblem(post("/v1/portal/service-requests", paulaToken, Map.of("description", "x")), 400,
                "validation_failed").path("errors").get(0).path("field").asText());
        String samMail = mailbox.awaitMail("sam@portal-story.test", 1);
        assertTrue(samMail, samMail.contains("Oven broken") && samMail.contains("Bakery"));
        String sam = login("portal-story", "sam@portal-story.test", "passphrase of Sam");
        assertTrue(get("/v1/notifications", sam).body().contains("Oven broken"));
        Answer staffView = get("/v1/service-requests/" + requestId, sam);
        assertEquals(staffView.body(), 200, staffView.status());
        Answer answered = call("POST", "/v1/service-requests/" + requestId + "/answer", bearer(sam), "application/json",
                toJson(Map.of("answer", "A technician comes tomorrow.")), "If-Match", staffView.header("ETag"));
        assertEquals(answered.body(), 200, answered.status());
        JsonNode mine = get("/v1/portal/service-requests/" + requestId, paulaToken).json();
        assertEquals("ANSWERED", mine.path("status").asText());
        assertEquals("A technician comes tomorrow.", mine.path("answer").asText());
        String history = get("/v1/portal/history", paulaToken).body();
        assertTrue(history, history.contains("SERVICE_NOTE") && history.contains("SERVICE_REQUESTED") && history.contains("SERVICE_REQUEST_ANSWERED"));
        assertFalse("never staff user ids: " + history, history.contains(samId));

        // another customer's contact sees none of it
        String olgaToken = activate(mailbox.awaitMail("olga@florist.test", 1), "olga's own long passphrase");
        assertEquals(0, get("/v1/portal/service-notes", olgaToken).json().path("items").size());
        assertEquals(0, get("/v1/portal/service-requests", olgaToken).json().path("items").size());
        assertEquals(0, get("/v1/portal/history", olgaToken).json().path("items").size());
        assertProblem(get("/v1/portal/service-requests/" + requestId, olgaToken), 404, "not_found");

        // a tab switched off is 403 for every endpoint behind it, and leaves the navigation
        assertEquals(200, put("/v1/portal/settings", admin, null, settings(List.of("Home", "History"), true, html)).status());
        assertProblem(get("/v1/portal/service-notes", paulaToken), 403, "forbidden");
        assertProblem(get("/v1/portal/service-requests/" + requestId, paulaToken), 403, "forbidden");
        assertProblem(post("/v1/portal/service-requests", paulaToken, Map.of("subject", "s", "description", "d")), 403, "forbidden");
        assertEquals(List.of("Home", "History"), texts(get("/v1/portal/tabs", paulaToken).json().path("tabs")));

        // the master switch: logins off, then on again
        assertEquals(200, put("/v1/portal/settings", admin, null, settings(List.of("Home", "History"), false, html)).status());
        assertProblem(portalLogin("portal-story", "paula@bakery.test", "paula's own long passphrase"), 403, "forbidden");
        assertEquals(200, put("/v1/portal/settings", admin, null, settings(List.of("Home", "History"), true, html)).status());
        assertEquals(200, portalLogin("portal-story", "paula@bakery.test", "paula's own long passphrase").status());

        // reset and disable through the portal users endpoints
        assertEquals(202, call("POST", "/v1/portal/users/" + olga + "/reset-password", bearer(admin), null, null).status());
        assertTrue(mailbox.awaitMail("olga@florist.test", 2).contains("/portal/portal-story/reset?token="));
        Answer disabled = call("POST", "/v1/portal/users/" + olga + "/disable", bearer(admin), null, null);
        assertEquals(disabled.body(), 200, disabled.status());
        assertEquals("DISABLED", disabled.json().path("portalStatus").asText());
        assertProblem(portalLogin("portal-story", "olga@florist.test", "olga's own long passphrase"), 401, "unauthorized");

        // uninstalled live: the module's endpoints go, contacts still log in, the platform's invitation text is back
        String quentin = contact(admin, florist, "Quentin", "quentin@florist.test");
        featuresService.uninstallFeature("clientele-portal");
        try {
            await("portal endpoints gone", 30, () -> get("/v1/portal/settings", admin).status() == 404);
            assertTrue(get("/v1/portal/tabs", paulaToken()).status() >= 400);
            Answer still = portalLogin("portal-story", "paula@bakery.test", "paula's own long passphrase");
            assertEquals(still.body(), 200, still.status());
            assertEquals(200, get("/v1/portal/me", still.json().path("accessToken").asText()).status());
            Answer invited = call("POST", "/v1/contacts/" + quentin + "/portal-invite", bearer(admin), null, null);
            assertEquals(invited.body(), 202, invited.status());
            String plain = mailbox.awaitMail("quentin@florist.test", 1);
            assertFalse(plain, plain.contains("Welcome Quentin"));
            assertTrue(plain, plain.contains("Olá, Quentin"));
        } finally {
            featuresService.installFeature("clientele-portal");
        }
        await("portal endpoints back", 30, () -> get("/v1/portal/settings", admin).status() == 200);
        assertEquals(List.of("Home", "History"), texts(get("/v1/portal/settings", admin).json().path("enabledTabs")));
        assertNotNull(html);
    }

    @Test
    public void theJobsTabIsOfferedWithIJobAndClosesTheApprovalDashboardWhenSwitchedOff() {
        String admin = createAgency("portal-jobs", "portal", "ijob");
        assertTrue("Jobs is on by default while the agency has ijob",
                texts(get("/v1/portal/settings", admin).json().path("enabledTabs")).contains("Jobs"));
        String customerId = customer(admin, Map.of("name", "Studio", "companyName", "Studio Ltd"));
        String contactId = contact(admin, customerId, "Jon", "jon@studio.test");
        assertEquals("INVITED", post("/v1/portal/users/invite", admin, Map.of("contactIds", List.of(contactId)))
                .json().path("results").get(0).path("outcome").asText());
        String mail = mailbox.awaitMail("jon@studio.test", 1);
        assertTrue("the platform's own text while the agency has none: " + mail, mail.contains("Olá, Jon"));
        String jon = activate(mail, "jon's own long passphrase");
        assertTrue(texts(get("/v1/portal/tabs", jon).json().path("tabs")).contains("Jobs"));
        assertEquals(200, get("/v1/portal/pieces", jon).status());
        assertTrue("the web app offers iJob's screens while Jobs is on", screens(jon).containsAll(List.of("ijob.pieces", "ijob.awaiting-approval")));
        assertTrue("and the portal module's own, each behind its tab", screens(jon).containsAll(List.of("portal.history", "portal.notes", "portal.requests")));

        // a piece with its file to review, which the contact downloads while Jobs is on
        assertEquals(200, call("PATCH", "/v1/customers/" + customerId, bearer(admin), "application/json", "{\"portalAccess\":true}").status());
        String jobId = post("/v1/jobs", admin, Map.of("customerId", customerId, "title", "Flyers", "ijob", true)).json().path("id").asText();
        String pieceId = post("/v1/jobs/" + jobId + "/pieces", admin, Map.of("title", "Flyer", "steps", List.of(
                Map.of("type", "CUSTOMER_APPROVAL", "name", "Flyer approval")))).json().path("id").asText();
        byte[] pdf = "%PDF-1.4\n% flyer\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Answer uploaded = sendFile("POST", "/v1/pieces/" + pieceId + "/files", admin, "flyer.pdf", "application/pdf", pdf);
        assertEquals(uploaded.body(), 201, uploaded.status());
        String fileUrl = "/v1/portal/pieces/" + pieceId + "/files/" + uploaded.json().path("id").asText();
        assertEquals(200, binary(fileUrl, jon).status());

        assertEquals(200, put("/v1/portal/settings", admin, null, settings(List.of("Home"), true, null)).status());
        assertEquals(List.of("Home"), texts(get("/v1/portal/tabs", jon).json().path("tabs")));
        assertEquals("the piece's file is behind the Jobs tab like the piece", 403, binary(fileUrl, jon).status());
        List<String> withoutJobs = screens(jon);
        assertFalse("the web app's navigation drops the switched-off tab's screens: " + withoutJobs,
                withoutJobs.contains("ijob.pieces") || withoutJobs.contains("ijob.awaiting-approval"));
        assertFalse(withoutJobs.toString(), withoutJobs.contains("portal.history") || withoutJobs.contains("portal.notes")
                || withoutJobs.contains("portal.requests"));
        assertProblem(get("/v1/portal/pieces", jon), 403, "forbidden");
        assertProblem(post("/v1/portal/jobs", jon, Map.of("customerId", customerId, "title", "New flyer")), 403, "forbidden");
        assertEquals(200, put("/v1/portal/settings", admin, null, settings(List.of("Home", "Jobs"), true, null)).status());
        assertEquals(200, get("/v1/portal/pieces", jon).status());
        assertTrue(screens(jon).contains("ijob.pieces"));
        assertTrue(java.util.Arrays.equals(pdf, binary(fileUrl, jon).body()));
    }

    /** The ids of the portal screens the web app's navigation offers this contact ({@code GET /v1/ui/extensions}). */
    private List<String> screens(String contactToken) {
        Answer a = get("/v1/ui/extensions?app=portal", contactToken);
        assertEquals(a.body(), 200, a.status());
        List<String> ids = new java.util.ArrayList<>();
        a.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    /** A fresh token of Paula's (the old one may have been ended by nothing, but the wait loop needs one that works). */
    private String paulaToken() {
        Answer a = portalLogin("portal-story", "paula@bakery.test", "paula's own long passphrase");
        return a.json().path("accessToken").asText();
    }
}
