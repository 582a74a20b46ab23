package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.contact.api.PortalStatus;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Portal access of customers' contacts through the real distribution and a real SMTP server (GreenMail):
 * invitation e-mail, activation, login, the contact's own record, password reset, lockout, the separation of
 * contact and staff sessions, and revocation when access is disabled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContactPortalIT extends ClienteleTestSupport {

    private static final String PUBLIC_BASE = "https://clients.example.test";
    private static final String PORTAL_PID = "io.clientele.contact.portal";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/portal/([a-z0-9-]+)/(activate|reset)\\?token=)([A-Za-z0-9_-]+)");

    @Rule
    public final TestMailbox mailbox = new TestMailbox();

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freePort());
        return baseOptions(withTestSmtp(port,
                editConfigurationFilePut("etc/" + PORTAL_PID + ".cfg", "publicBaseUrl", PUBLIC_BASE + "/"))).toArray(new Option[0]);
    }

    // ---- helpers

    /** A link e-mailed to someone: its page (activate/reset), agency slug and token. */
    private record Link(String url, String agency, String page, String token) {
    }

    private String customer(String admin, String name) {
        Answer a = post("/v1/customers", admin, Map.of("name", name, "companyName", name + " Ltd"));
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private String contact(String admin, String customerId, String name, String email) {
        Map<String, Object> body = email == null ? Map.of("name", name) : Map.of("name", name, "email", email);
        Answer a = post("/v1/customers/" + customerId + "/contacts", admin, body);
        assertEquals(a.body(), 201, a.status());
        return a.json().path("id").asText();
    }

    private Answer invite(String token, String contactId, String... headers) {
        return call("POST", "/v1/contacts/" + contactId + "/portal-invite", bearer(token), null, null, headers);
    }

    /** Waits for the {@code n}-th mail to {@code recipient} and returns the link in it. */
    private Link awaitLink(String recipient, int n) {
        String body = mailbox.awaitMail(recipient, n);
        Matcher m = LINK.matcher(body);
        assertTrue("a portal link in: " + body, m.find());
        return new Link(m.group(1) + m.group(4), m.group(2), m.group(3), m.group(4));
    }

    private Answer activate(String token, String password) {
        return post("/v1/portal/auth/activate", null, Map.of("token", token, "password", password));
    }

    private Answer portalLogin(String agency, String email, String password) {
        return post("/v1/portal/auth/login", null, Map.of("agency", agency, "email", email, "password", password));
    }

    /** A contact with an activated portal account; returns its id and access token. */
    private String[] activeContact(String admin, String agency, String email, String password) {
        String contactId = contact(admin, customer(admin, "Customer of " + email), "Contact " + email, email);
        assertEquals(202, invite(admin, contactId).status());
        Answer a = activate(awaitLink(email, 1).token(), password);
        assertEquals(a.body(), 200, a.status());
        return new String[] {contactId, a.json().path("accessToken").asText(), a.json().path("refreshToken").asText()};
    }

    private void setPortalConfig(String key, Object value) throws Exception {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration c = admin.getConfiguration(PORTAL_PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put(key, value);
        c.update(props);
    }

    // ---- tests

    @Test
    public void anInvitedContactActivatesLogsInAndEditsItsOwnRecord() {
        String admin = createAgency("portal-flow");
        String customerId = customer(admin, "Bakery");
        String noMail = contact(admin, customerId, "No Mail", null);
        JsonNode refused = assertProblem(invite(admin, noMail), 400, "validation_failed");
        assertEquals("email", refused.path("errors").get(0).path("field").asText());

        String contactId = contact(admin, customerId, "Paula Portal", "paula@bakery.test");
        Answer invited = invite(admin, contactId);
        assertEquals(invited.body(), 202, invited.status());
        assertEquals("INVITED", invited.json().path("portalStatus").asText());
        assertEquals("INVITED", get("/v1/contacts/" + contactId, admin).json().path("portalStatus").asText());

        Link link = awaitLink("paula@bakery.test", 1);
        assertTrue(link.url(), link.url().startsWith(PUBLIC_BASE + "/portal/portal-flow/activate?token="));
        assertTrue("≥ 128 bits of token", link.token().length() >= 22);
        // the agency has no language of its own: its mails are in Brazilian Portuguese
        String subjectAndBody = mailbox.mailsTo("paula@bakery.test").get(0);
        assertTrue(subjectAndBody, subjectAndBody.startsWith("Seu acesso ao portal do cliente de Agency portal-flow\n"));
        assertTrue(subjectAndBody, subjectAndBody.contains("Olá, Paula Portal,"));
        assertTrue(subjectAndBody, subjectAndBody.contains("Agency portal-flow convida você para o portal do cliente."));

        // the password policy of staff applies: too short, breached; a refused password leaves the link usable
        assertEquals("password", assertProblem(activate(link.token(), "short"), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());
        assertEquals("password", assertProblem(activate(link.token(), "1qaz2wsx3edc"), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());

        Answer activated = activate(link.token(), "paula's own long passphrase");
        assertEquals(activated.body(), 200, activated.status());
        assertFalse(activated.json().path("accessToken").asText().isEmpty());
        assertFalse(activated.json().path("refreshToken").asText().isEmpty());
        assertEquals("ACTIVE", activated.json().path("contact").path("portalStatus").asText());
        assertEquals("ACTIVE", get("/v1/contacts/" + contactId, admin).json().path("portalStatus").asText());

        // single use
        assertEquals("token", assertProblem(activate(link.token(), "another long passphrase"), 400, "validation_failed")
                .path("errors").get(0).path("field").asText());
        assertProblem(activate("not-a-token", "another long passphrase"), 400, "validation_failed");

        assertProblem(portalLogin("portal-flow", "paula@bakery.test", "a wrong long passphrase"), 401, "unauthorized");
        assertProblem(portalLogin("other-agency", "paula@bakery.test", "paula's own long passphrase"), 401, "unauthorized");
        Answer login = portalLogin("portal-flow", " Paula@Bakery.test ", "paula's own long passphrase");
        assertEquals(login.body(), 200, login.status());
        assertEquals(contactId, login.json().path("contact").path("id").asText());
        assertTrue(login.json().path("expiresIn").asLong() > 0);
        String token = login.json().path("accessToken").asText();

        JsonNode me = get("/v1/portal/me", token).json();
        assertEquals(contactId, me.path("contact").path("id").asText());
        assertEquals("paula@bakery.test", me.path("contact").path("email").asText());
        assertEquals(customerId, me.path("customer").path("id").asText());
        assertEquals("Bakery", me.path("customer").path("name").asText());

        JsonNode notOwn = assertProblem(call("PATCH", "/v1/portal/me", bearer(token), "application/json",
                "{\"email\":\"new@bakery.test\",\"primary\":true,\"canOpenJobsForGroup\":true}"), 400, "validation_failed");
        assertEquals(3, notOwn.path("errors").size());
        Answer patched = call("PATCH", "/v1/portal/me", bearer(token), "application/json",
                "{\"phone\":\"+55 11 5555-0000\",\"position\":\"Owner\"}");
        assertEquals(patched.body(), 200, patched.status());
        assertEquals("Owner", patched.json().path("contact").path("position").asText());
        assertEquals("paula@bakery.test", get("/v1/contacts/" + contactId, admin).json().path("email").asText());

        JsonNode latest = get("/v1/customers/" + customerId + "/history", admin).json().path("items").get(0);
        assertEquals("UPDATED", latest.path("action").asText());
        assertEquals(contactId, latest.path("actorId").asText());
        assertEquals("Paula Portal", latest.path("actorName").asText());
        assertEquals(contactId, latest.path("entityId").asText());
        assertTrue(latest.path("changes").toString(), latest.path("changes").toString()
                .contains("{\"field\":\"phone\",\"from\":null,\"to\":\"+55 11 5555-0000\"}"));

        // refresh rotates and keeps the contact as actor; a replayed refresh token and logout end the session
        Answer refreshed = post("/v1/portal/auth/refresh", null, Map.of("refreshToken", login.json().path("refreshToken").asText()));
        assertEquals(refreshed.body(), 200, refreshed.status());
        String second = refreshed.json().path("accessToken").asText();
        assertEquals(200, call("PATCH", "/v1/portal/me", bearer(second), "application/json", "{\"name\":\"Paula P.\"}").status());
        assertEquals("Paula Portal", get("/v1/customers/" + customerId + "/history", admin).json()
                .path("items").get(0).path("actorName").asText());
        // the rotated refresh token presented again (a copy someone kept) ends the whole session
        assertProblem(post("/v1/portal/auth/refresh", null, Map.of("refreshToken", login.json().path("refreshToken").asText())),
                401, "unauthorized");
        assertProblem(get("/v1/portal/me", second), 401, "unauthorized");
        assertProblem(post("/v1/portal/auth/refresh", null, Map.of("refreshToken", refreshed.json().path("refreshToken").asText())),
                401, "unauthorized");
        String third = portalLogin("portal-flow", "paula@bakery.test", "paula's own long passphrase").json().path("accessToken").asText();
        assertEquals(204, post("/v1/portal/auth/logout", third, null).status());
        assertProblem(get("/v1/portal/me", third), 401, "unauthorized");
    }

    @Test
    public void reinvitingVoidsOlderLinksRetriesAreIdempotentAndLinksExpire() throws Exception {
        String admin = createAgency("portal-links");
        String customerId = customer(admin, "Florist");
        String contactId = contact(admin, customerId, "Flora", "flora@florist.test");
        assertEquals(202, invite(admin, contactId).status());
        Link first = awaitLink("flora@florist.test", 1);
        Answer again = invite(admin, contactId, "Idempotency-Key", "invite-flora-2");
        assertEquals(again.body(), 202, again.status());
        Answer retry = invite(admin, contactId, "Idempotency-Key", "invite-flora-2");
        assertEquals(202, retry.status());
        assertEquals(again.json().path("expiresAt").asText(), retry.json().path("expiresAt").asText());
        Link second = awaitLink("flora@florist.test", 2);
        assertNotEquals(first.token(), second.token());
        Thread.sleep(1500);
        assertEquals("a retried invitation sends no second mail", 2, mailbox.mailsTo("flora@florist.test").size());
        // the default lifetime is 7 days
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(again.json().path("expiresAt").asText()));
        assertTrue(lifetime.toString(), lifetime.compareTo(Duration.ofDays(7).minusMinutes(5)) > 0
                && lifetime.compareTo(Duration.ofDays(7).plusMinutes(5)) < 0);

        assertProblem(activate(first.token(), "flora's long passphrase"), 400, "validation_failed");
        assertEquals(200, activate(second.token(), "flora's long passphrase").status());
        assertProblem(invite(admin, contactId), 409, "conflict");

        // an expired link is refused: a short configured lifetime applies to the next invitation
        String late = contact(admin, customerId, "Late Larry", "larry@florist.test");
        setPortalConfig("activationTokenTtlSeconds", 2L);
        try {
            String probe = contact(admin, customerId, "Probe", "probe@florist.test");
            await("the new token lifetime applies", 30, () -> {
                Answer a = invite(admin, probe);
                return a.status() == 202 && Instant.parse(a.json().path("expiresAt").asText()).isBefore(Instant.now().plusSeconds(30));
            });
            assertEquals(202, invite(admin, late).status());
            Link expiring = awaitLink("larry@florist.test", 1);
            Thread.sleep(2500);
            assertEquals("token", assertProblem(activate(expiring.token(), "larry's long passphrase"), 400, "validation_failed")
                    .path("errors").get(0).path("field").asText());
        } finally {
            setPortalConfig("activationTokenTtlSeconds", 604800L);
        }
    }

    @Test
    public void aPortalLoginEmailStaysUniqueAndItsOldAddressIsToldWhenStaffChangeIt() {
        String admin = createAgencyIn("en", "portal-logins"); // an agency whose language is English
        String[] ana = activeContact(admin, "portal-logins", "ana@logins.test", "ana has a long portal passphrase");
        String[] bob = activeContact(admin, "portal-logins", "bob@logins.test", "bob has a long portal passphrase");
        // two accounts must never answer to one login (a contact cannot change its own e-mail through the portal)
        JsonNode clash = assertProblem(call("PATCH", "/v1/contacts/" + bob[0], bearer(admin), "application/json",
                "{\"email\":\"ANA@logins.test\"}"), 409, "conflict");
        assertEquals("email", clash.path("errors").get(0).path("field").asText());
        assertProblem(call("PATCH", "/v1/contacts/" + bob[0], bearer(admin), "application/json", "{\"email\":null}"), 400, "validation_failed");
        assertEquals(200, portalLogin("portal-logins", "ana@logins.test", "ana has a long portal passphrase").status());
        String invitation = mailbox.mailsTo("ana@logins.test").get(0);
        assertTrue(invitation, invitation.startsWith("Your access to the Agency portal-logins customer portal\n"));
        assertTrue(invitation, invitation.contains("Agency portal-logins invites you to its customer portal."));

        // a staff change of an active contact's login e-mail is told to the old address, and the new one logs in
        Answer moved = call("PATCH", "/v1/contacts/" + bob[0], bearer(admin), "application/json", "{\"email\":\"robert@logins.test\"}");
        assertEquals(moved.body(), 200, moved.status());
        await("the old address told of the change", 30, () -> mailbox.mailsTo("bob@logins.test").stream()
                .anyMatch(b -> b.contains("login e-mail was changed") && b.contains("robert@logins.test")));
        assertEquals(200, portalLogin("portal-logins", "robert@logins.test", "bob has a long portal passphrase").status());
        assertEquals(401, portalLogin("portal-logins", "bob@logins.test", "bob has a long portal passphrase").status());
    }

    @Test
    public void forgotPasswordRevealsNothingAndItsLinkResetsThePassword() throws Exception {
        String admin = createAgency("portal-reset");
        String[] rita = activeContact(admin, "portal-reset", "rita@shop.test", "rita's first passphrase");
        String oldSession = rita[1];

        Answer unknown = post("/v1/portal/auth/forgot-password", null, Map.of("agency", "portal-reset", "email", "nobody@shop.test"));
        assertEquals(202, unknown.status());
        assertEquals(202, post("/v1/portal/auth/forgot-password", null, Map.of("agency", "no-such-agency", "email", "rita@shop.test")).status());
        Answer known = post("/v1/portal/auth/forgot-password", null, Map.of("agency", "portal-reset", "email", "RITA@shop.test"));
        assertEquals(202, known.status());
        assertEquals(unknown.body(), known.body());

        Link reset = awaitLink("rita@shop.test", 2);
        assertEquals("reset", reset.page());
        assertTrue(reset.url(), reset.url().startsWith(PUBLIC_BASE + "/portal/portal-reset/reset?token="));
        String resetMail = mailbox.mailsTo("rita@shop.test").get(1);
        assertTrue(resetMail, resetMail.startsWith("Redefina sua senha do portal do cliente de Agency portal-reset\n"));
        Thread.sleep(1500);
        assertEquals("no mail for an unknown address", 0, mailbox.mailsTo("nobody@shop.test").size());

        assertProblem(post("/v1/portal/auth/reset-password", null, Map.of("token", reset.token(), "password", "1qaz2wsx3edc")),
                400, "validation_failed");
        Answer done = post("/v1/portal/auth/reset-password", null, Map.of("token", reset.token(), "password", "rita's second passphrase"));
        assertEquals(done.body(), 200, done.status());
        assertEquals(rita[0], done.json().path("contact").path("id").asText());
        assertEquals(200, get("/v1/portal/me", done.json().path("accessToken").asText()).status());
        assertProblem(get("/v1/portal/me", oldSession), 401, "unauthorized");
        assertProblem(post("/v1/portal/auth/reset-password", null, Map.of("token", reset.token(), "password", "rita's third passphrase")),
                400, "validation_failed");
        // an activation token cannot reset and a reset token cannot activate
        assertProblem(post("/v1/portal/auth/reset-password", null, Map.of("token", awaitLink("rita@shop.test", 1).token(),
                "password", "rita's third passphrase")), 400, "validation_failed");

        assertProblem(portalLogin("portal-reset", "rita@shop.test", "rita's first passphrase"), 401, "unauthorized");
        assertEquals(200, portalLogin("portal-reset", "rita@shop.test", "rita's second passphrase").status());
    }

    @Test
    public void repeatedFailuresLockTheContactsAccount() throws Exception {
        String admin = createAgency("portal-lock");
        activeContact(admin, "portal-lock", "luke@lock.test", "luke's long passphrase");
        for (int i = 0; i < 5; i++) {
            assertProblem(portalLogin("portal-lock", "luke@lock.test", "wrong passphrase " + i), 401, "unauthorized");
        }
        Answer locked = portalLogin("portal-lock", "luke@lock.test", "luke's long passphrase");
        assertProblem(locked, 429, "rate_limited");
        assertNotNull(locked.header("Retry-After"));
        assertTrue(Long.parseLong(locked.header("Retry-After")) >= 1);
        Thread.sleep(4500); // the test runtime's lockout is 4 s
        assertEquals(200, portalLogin("portal-lock", "luke@lock.test", "luke's long passphrase").status());
    }

    @Test
    public void twentyParallelWrongPortalLoginsReachThePasswordCheckAtMostFiveTimes() {
        String admin = createAgency("portal-burst");
        activeContact(admin, "portal-burst", "bea@burst.test", "bea's long passphrase");
        List<Answer> answers = Guesses.inParallel(20, i -> portalLogin("portal-burst", "bea@burst.test", "wrong passphrase " + i));
        int checked = Guesses.assertAtMostLimitChecked(answers, 401);
        for (int i = checked; i < Guesses.LIMIT; i++) {
            portalLogin("portal-burst", "bea@burst.test", "one more wrong passphrase " + i);
        }
        Answer locked = portalLogin("portal-burst", "bea@burst.test", "bea's long passphrase");
        assertProblem(locked, 429, "rate_limited");
        assertTrue(Long.parseLong(locked.header("Retry-After")) >= 1);
    }

    @Test
    public void contactAndStaffSessionsReachOnlyTheirOwnEndpoints() {
        String admin = createAgency("portal-split");
        String[] sara = activeContact(admin, "portal-split", "sara@split.test", "sara's long passphrase");
        JsonNode refused = assertProblem(get("/v1/customers", sara[1]), 403, "forbidden");
        assertNotNull(refused.path("detail").asText());
        assertProblem(get("/v1/me", sara[1]), 403, "forbidden");
        assertProblem(invite(sara[1], sara[0]), 403, "forbidden");
        assertProblem(get("/v1/portal/me", admin), 403, "forbidden");
        assertProblem(get("/v1/portal/me", null), 401, "unauthorized");
        assertProblem(post("/v1/auth/refresh", null, Map.of("refreshToken", sara[2])), 401, "unauthorized");
        Answer staffLogin = post("/v1/auth/login", null, Map.of("agency", "portal-split", "email", "admin@portal-split.test",
                "password", passwordOf("portal-split")));
        assertProblem(post("/v1/portal/auth/refresh", null, Map.of("refreshToken", staffLogin.json().path("refreshToken").asText())),
                401, "unauthorized");
        // the staff login does not know contacts
        assertProblem(post("/v1/auth/login", null, Map.of("agency", "portal-split", "email", "sara@split.test",
                "password", "sara's long passphrase")), 401, "unauthorized");
    }

    @Test
    public void disablingOrDeletingAContactEndsItsSessionsAtOnce() {
        String admin = createAgency("portal-off");
        String[] dora = activeContact(admin, "portal-off", "dora@off.test", "dora's long passphrase");
        assertEquals(200, get("/v1/portal/me", dora[1]).status());
        assertEquals("portalStatus", assertProblem(call("PATCH", "/v1/contacts/" + dora[0], bearer(admin), "application/json",
                "{\"portalStatus\":\"ACTIVE\"}"), 400, "validation_failed").path("errors").get(0).path("field").asText());
        Answer disabled = call("PATCH", "/v1/contacts/" + dora[0], bearer(admin), "application/json", "{\"portalStatus\":\"DISABLED\"}");
        assertEquals(disabled.body(), 200, disabled.status());
        assertEquals("DISABLED", disabled.json().path("portalStatus").asText());
        assertProblem(get("/v1/portal/me", dora[1]), 401, "unauthorized");
        assertProblem(post("/v1/portal/auth/refresh", null, Map.of("refreshToken", dora[2])), 401, "unauthorized");
        assertProblem(portalLogin("portal-off", "dora@off.test", "dora's long passphrase"), 401, "unauthorized");
        assertEquals(202, post("/v1/portal/auth/forgot-password", null, Map.of("agency", "portal-off", "email", "dora@off.test")).status());

        String[] dean = activeContact(admin, "portal-off", "dean@off.test", "dean's long passphrase");
        assertEquals(204, call("DELETE", "/v1/contacts/" + dean[0], bearer(admin), null, null).status());
        assertProblem(get("/v1/portal/me", dean[1]), 401, "unauthorized");
        assertProblem(portalLogin("portal-off", "dean@off.test", "dean's long passphrase"), 401, "unauthorized");

        // a disabled contact can be invited again and chooses a new password
        assertEquals(202, invite(admin, dora[0]).status());
        Answer back = activate(awaitLink("dora@off.test", 2).token(), "dora's new long passphrase");
        assertEquals(back.body(), 200, back.status());
        assertEquals("no reset mail went to the disabled contact", 2, mailbox.mailsTo("dora@off.test").size());
    }

    @Test
    public void modulesUseTheSameRulesThroughThePortalAccessService() {
        String admin = createAgency("portal-api");
        String[] nina = activeContact(admin, "portal-api", "nina@api.test", "nina's long passphrase");
        PortalAccess access = service(PortalAccess.class);
        Agency agency = service(AgencyDirectory.class).findBySlug("portal-api").orElseThrow();
        Principal system = Principal.system(agency.id(), agency.slug(), "portal module test");

        Principal asContact = new Principal(PrincipalKind.CONTACT, nina[0], "Nina", agency.id(), agency.slug(), java.util.Set.of(), null);
        assertEquals(nina[0], RequestContext.runAs(asContact, () -> access.currentContact()).orElseThrow().id());
        assertFalse(RequestContext.runAs(system, () -> access.currentContact()).isPresent());

        // staff sends a reset link (the portal module's "password reset e-mail")
        RequestContext.runAs(system, () -> access.sendPasswordReset(nina[0]));
        Link reset = awaitLink("nina@api.test", 2);
        assertEquals("reset", reset.page());
        assertEquals(200, post("/v1/portal/auth/reset-password", null,
                Map.of("token", reset.token(), "password", "nina's second passphrase")).status());
        String session = portalLogin("portal-api", "nina@api.test", "nina's second passphrase").json().path("accessToken").asText();
        assertEquals(200, get("/v1/portal/me", session).status());

        Contact disabled = RequestContext.runAs(system, () -> access.disable(nina[0]));
        assertEquals(PortalStatus.DISABLED, disabled.portalStatus());
        assertProblem(get("/v1/portal/me", session), 401, "unauthorized");
        try {
            RequestContext.runAs(system, () -> access.sendPasswordReset(nina[0]));
            throw new AssertionError("a disabled contact got a reset link");
        } catch (PortalAccess.Refused expected) {
            // the service refuses in its own terms (contact.api 1.3.0); the REST edge answers this 409 conflict
            assertEquals(PortalAccess.Refused.Reason.NO_ACTIVE_ACCESS, expected.reason());
            assertEquals(io.clientele.platform.api.domain.Refusal.Kind.CONFLICT, expected.kind());
        }
        Contact again = RequestContext.runAs(system, () -> access.invite(nina[0]));
        assertEquals(PortalStatus.INVITED, again.portalStatus());
        assertEquals("activate", awaitLink("nina@api.test", 3).page());
    }

    @Test
    public void anotherAgencysContactCannotBeInvited() {
        String mine = createAgency("portal-mine");
        String theirs = createAgency("portal-theirs");
        String theirContact = contact(theirs, customer(theirs, "Their customer"), "Theo", "theo@theirs.test");
        assertProblem(invite(mine, theirContact), 404, "not_found");
        assertProblem(invite(mine, "no-such-contact"), 404, "not_found");
        assertProblem(invite(mine, "x".repeat(500)), 404, "not_found");
        assertEquals("NONE", get("/v1/contacts/" + theirContact, theirs).json().path("portalStatus").asText());
    }
}
