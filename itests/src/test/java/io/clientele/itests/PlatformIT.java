package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Operators, agencies, users, sessions, lockout, tenant isolation and the error contract, through HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends ClienteleTestSupport {

    @Test
    public void operatorCreatesAgencyAndItsAdminManagesUsers() {
        Answer challenge = call("GET", "/v1/platform/agencies", null, null, null);
        assertProblem(challenge, 401, "unauthorized");
        assertEquals("Basic realm=\"clientele-operator\", charset=\"UTF-8\"", challenge.header("WWW-Authenticate"));
        assertProblem(call("GET", "/v1/platform/agencies", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("karaf:karaf".getBytes()), null, null), 401, "unauthorized");

        String admin = createAgency("studio-one", "budget");
        Answer agency = operator("GET", "/v1/platform/agencies/studio-one", null);
        assertEquals(200, agency.status());
        assertEquals(List.of("budget"), JSON.convertValue(agency.json().path("modules"), List.class));
        assertProblem(operator("POST", "/v1/platform/agencies", Map.of("name", "Again", "slug", "studio-one",
                "admin", Map.of("name", "X", "email", "x@y.test", "password", "another long passphrase"))), 409, "conflict");

        Answer me = get("/v1/me", admin);
        assertEquals(200, me.status());
        assertEquals("admin@studio-one.test", me.json().path("email").asText());
        assertEquals("studio-one", me.json().path("agency").path("slug").asText());

        Answer created = post("/v1/users", admin, Map.of("name", "Sam Service", "email", "sam@studio-one.test",
                "roles", List.of("SERVICE"), "password", "sam uses a long passphrase"));
        assertEquals(created.body(), 201, created.status());
        assertTrue(created.header("Location").endsWith("/api/v1/users/" + created.json().path("id").asText()));
        assertEquals("\"0\"", created.header("ETag"));
        String samId = created.json().path("id").asText();

        String sam = login("studio-one", "sam@studio-one.test", "sam uses a long passphrase");
        assertProblem(get("/v1/users", sam), 403, "forbidden");

        // optimistic locking: a stale If-Match is refused and nothing is written
        Answer renamed = call("PATCH", "/v1/users/" + samId, bearer(admin), "application/json", "{\"name\":\"Samuel\"}", "If-Match", "\"0\"");
        assertEquals(renamed.body(), 200, renamed.status());
        assertEquals("\"1\"", renamed.header("ETag"));
        assertProblem(call("PATCH", "/v1/users/" + samId, bearer(admin), "application/json", "{\"name\":\"Stale\"}", "If-Match", "\"0\""),
                412, "precondition_failed");
        assertEquals("Samuel", get("/v1/users/" + samId, admin).json().path("name").asText());

        // deactivating ends the user's sessions at once
        assertEquals(204, call("DELETE", "/v1/users/" + samId, bearer(admin), null, null).status());
        assertProblem(get("/v1/me", sam), 401, "unauthorized");

        // the last ADMIN cannot lock the agency out
        String adminId = get("/v1/me", admin).json().path("id").asText();
        assertProblem(call("PATCH", "/v1/users/" + adminId, bearer(admin), "application/json", "{\"active\":false}"), 409, "conflict");
    }

    @Test
    public void notificationsReachOnlyTheirUserAndHistoryRecordsEveryChange() {
        String admin = createAgency("notify");
        String samId = post("/v1/users", admin, Map.of("name", "Sam", "email", "sam@notify.test", "roles", List.of("SERVICE"),
                "password", "sam's long passphrase")).json().path("id").asText();
        String sam = login("notify", "sam@notify.test", "sam's long passphrase");
        Agency agency = service(AgencyDirectory.class).findBySlug("notify").orElseThrow();
        RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "test"), () -> service(NotificationService.class)
                .notify(List.of(samId), "mention", "Ana mentioned you", "on Acme's record", "/api/v1/customers/c1"));

        JsonNode items = get("/v1/notifications", sam).json().path("items");
        assertEquals(1, items.size());
        assertEquals("Ana mentioned you", items.get(0).path("title").asText());
        assertEquals(0, get("/v1/notifications", admin).json().path("items").size());
        String id = items.get(0).path("id").asText();
        assertProblem(post("/v1/notifications/" + id + "/read", admin, null), 404, "not_found");
        Answer read = post("/v1/notifications/" + id + "/read", sam, null);
        assertEquals(read.body(), 200, read.status());
        assertTrue(read.json().path("readAt").isTextual());
        assertEquals(0, get("/v1/notifications?unread=true", sam).json().path("items").size());

        assertEquals(200, call("PATCH", "/v1/users/" + samId, bearer(admin), "application/json", "{\"name\":\"Samuel\"}").status());
        String adminId = get("/v1/me", admin).json().path("id").asText();
        List<HistoryEntry> history = RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "test"),
                () -> service(HistoryService.class).page("user", samId, 10, null).items());
        assertEquals(List.of("UPDATED", "CREATED"), history.stream().map(HistoryEntry::action).toList());
        assertEquals(adminId, history.get(0).actorId());
        assertTrue(history.get(0).changes().contains(new FieldChange("name", "Sam", "Samuel")));
    }

    @Test
    public void domainEventsFollowCommittedChangesOnly() throws Exception {
        String admin = createAgency("events");
        String agencyId = service(AgencyDirectory.class).findBySlug("events").orElseThrow().id();
        java.util.concurrent.BlockingQueue<org.osgi.service.event.Event> received = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "clientele/platform/user/*");
        org.osgi.framework.ServiceRegistration<org.osgi.service.event.EventHandler> listener = bundleContext.registerService(
                org.osgi.service.event.EventHandler.class, received::add, props);
        try {
            Map<String, Object> user = Map.of("name", "Eve", "email", "eve@events.test", "roles", List.of("ASSISTANT"),
                    "password", "eve's long passphrase");
            String id = post("/v1/users", admin, user).json().path("id").asText();
            org.osgi.service.event.Event created = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull("an event for the created user", created);
            assertEquals("clientele/platform/user/CREATED", created.getTopic());
            assertEquals(id, created.getProperty("userId"));
            assertEquals(agencyId, created.getProperty("agencyId"));
            io.clientele.platform.api.db.Database database = service(io.clientele.platform.api.db.Database.class);
            io.clientele.platform.api.event.DomainEvents events = service(io.clientele.platform.api.event.DomainEvents.class);
            try {
                RequestContext.runAs(Principal.system(agencyId, "events", "test"), () -> database.inTransaction(c -> {
                    events.publish("clientele/platform/user/UPDATED", Map.of("userId", id));
                    throw new IllegalStateException("the change fails after publishing");
                }));
            } catch (IllegalStateException expected) {
                // the event must not go out
            }
            Thread.sleep(1000);
            assertTrue("no event for a change that did not commit: " + received, received.isEmpty());
        } finally {
            listener.unregister();
        }
    }

    @Test
    public void passwordPolicyNamesEveryBadField() {
        String admin = createAgency("policy-check");
        JsonNode p = assertProblem(post("/v1/users", admin, Map.of("name", "", "email", "not-an-email",
                "roles", List.of(), "password", "short")), 400, "validation_failed");
        List<String> fields = p.path("errors").findValuesAsText("field");
        assertTrue(fields.toString(), fields.containsAll(List.of("name", "email", "roles", "password")));

        JsonNode breached = assertProblem(post("/v1/users", admin, Map.of("name", "B", "email", "b@policy-check.test",
                "roles", List.of("FINANCE"), "password", "1qaz2wsx3edc4rfv")), 400, "validation_failed");
        assertEquals("password", breached.path("errors").get(0).path("field").asText());
        assertTrue(breached.toString().contains("breached"));

        String longest = "x".repeat(128);
        assertEquals(201, post("/v1/users", admin, Map.of("name", "L", "email", "l@policy-check.test",
                "roles", List.of("FINANCE"), "password", longest)).status());
        assertProblem(post("/v1/users", admin, Map.of("name", "M", "email", "m@policy-check.test",
                "roles", List.of("FINANCE"), "password", longest + "y")), 400, "validation_failed");
    }

    @Test
    public void sessionsRefreshAndLogoutRevoke() {
        createAgency("sessions");
        Answer login = post("/v1/auth/login", null, Map.of("agency", "sessions", "email", "admin@sessions.test",
                "password", passwordOf("sessions")));
        String access = login.json().path("accessToken").asText();
        String refresh = login.json().path("refreshToken").asText();
        assertTrue(login.json().path("expiresIn").asLong() > 0);
        assertEquals(List.of("ADMIN"), JSON.convertValue(login.json().path("user").path("roles"), List.class));

        Answer refreshed = post("/v1/auth/refresh", null, Map.of("refreshToken", refresh));
        assertEquals(200, refreshed.status());
        String newAccess = refreshed.json().path("accessToken").asText();
        assertEquals(200, get("/v1/me", newAccess).status());
        // (the rotated token presented again ends the whole session: aReplayedRefreshTokenEndsTheWholeSession)

        assertEquals(204, post("/v1/auth/logout", newAccess, null).status());
        assertProblem(get("/v1/me", newAccess), 401, "unauthorized");
        assertProblem(get("/v1/me", access), 401, "unauthorized");
        assertProblem(post("/v1/auth/refresh", null, Map.of("refreshToken", refreshed.json().path("refreshToken").asText())),
                401, "unauthorized");
        assertProblem(post("/v1/auth/refresh", null, Map.of("refreshToken", refresh)), 401, "unauthorized");
        assertProblem(get("/v1/me", access.substring(0, access.length() - 2) + "xx"), 401, "unauthorized");
    }

    @Test
    public void repeatedFailedLoginsLockTheAccount() throws Exception {
        createAgency("lockout");
        Map<String, String> wrong = Map.of("agency", "lockout", "email", "admin@lockout.test", "password", "wrong password!!");
        for (int i = 0; i < 5; i++) {
            assertProblem(post("/v1/auth/login", null, wrong), 401, "unauthorized");
        }
        Answer locked = post("/v1/auth/login", null, Map.of("agency", "lockout", "email", "admin@lockout.test",
                "password", passwordOf("lockout")));
        assertProblem(locked, 429, "rate_limited");
        assertNotNull(locked.header("Retry-After"));
        assertTrue(Long.parseLong(locked.header("Retry-After")) >= 1);
        // another account is not affected
        assertProblem(post("/v1/auth/login", null, Map.of("agency", "lockout", "email", "other@lockout.test",
                "password", "wrong password!!")), 401, "unauthorized");
        Thread.sleep((Long.parseLong(locked.header("Retry-After")) + 1) * 1000);
        assertEquals(200, post("/v1/auth/login", null, Map.of("agency", "lockout", "email", "admin@lockout.test",
                "password", passwordOf("lockout"))).status());
    }

    @Test
    public void twentyParallelWrongLoginsReachThePasswordCheckAtMostFiveTimes() {
        createAgency("parallel");
        String email = "admin@parallel.test";
        List<Answer> answers = Guesses.inParallel(20, i -> post("/v1/auth/login", null,
                Map.of("agency", "parallel", "email", email, "password", "wrong password number " + i)));
        int checked = Guesses.assertAtMostLimitChecked(answers, 401);
        for (int i = checked; i < Guesses.LIMIT; i++) { // guesses refused for lack of a hashing slot did not count
            post("/v1/auth/login", null, Map.of("agency", "parallel", "email", email, "password", "one more wrong " + i));
        }
        // the account is locked now: even the right password waits
        Answer locked = post("/v1/auth/login", null, Map.of("agency", "parallel", "email", email, "password", passwordOf("parallel")));
        assertProblem(locked, 429, "rate_limited");
        assertTrue(Long.parseLong(locked.header("Retry-After")) >= 1);
        // counted against this client's address (the connection's peer: no proxy is trusted), beside the account
        io.clientele.platform.api.db.Database database = service(io.clientele.platform.api.db.Database.class);
        List<String> keys = database.inTransaction(c -> io.clientele.platform.api.db.Jdbc.query(c,
                "SELECT account_key FROM platform_login_attempt WHERE account_key LIKE ?", rs -> rs.getString(1), "%parallel%"));
        assertTrue(keys.toString(), keys.stream().anyMatch(k -> k.startsWith("pair:127.0.0.1|") || k.startsWith("pair:0:0:0:0:0:0:0:1|")));
        assertTrue(keys.toString(), keys.contains("acct:staff:parallel:" + email));
    }

    @Test
    public void changingThePasswordIsThrottledLikeALogin() {
        String admin = createAgency("pwguess");
        List<Answer> answers = Guesses.inParallel(20, i -> post("/v1/me/password", admin,
                Map.of("currentPassword", "guess number " + i, "newPassword", "a brand new long passphrase")));
        for (Answer a : answers) {
            if (a.status() == 400) {
                assertEquals("currentPassword", a.json().path("errors").path(0).path("field").asText());
            }
        }
        int checked = Guesses.assertAtMostLimitChecked(answers, 400);
        for (int i = checked; i < Guesses.LIMIT; i++) {
            post("/v1/me/password", admin, Map.of("currentPassword", "one more guess " + i, "newPassword", "a brand new long passphrase"));
        }
        // the right current password is refused while locked, and so is a login: both are guesses at one password
        assertProblem(post("/v1/me/password", admin, Map.of("currentPassword", passwordOf("pwguess"),
                "newPassword", "a brand new long passphrase")), 429, "rate_limited");
        assertProblem(post("/v1/auth/login", null, Map.of("agency", "pwguess", "email", "admin@pwguess.test",
                "password", passwordOf("pwguess"))), 429, "rate_limited");
    }

    @Test
    public void operatorBasicAuthIsThrottledAndTheOperatorGetsBackInAfterTheLock() throws Exception {
        String wrongBasic = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:not the operator password"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Answer> answers = Guesses.inParallel(20, i -> call("GET", "/v1/platform/agencies", wrongBasic, null, null));
        int checked = Guesses.assertAtMostLimitChecked(answers, 401);
        for (int i = checked; i < Guesses.LIMIT; i++) {
            call("GET", "/v1/platform/agencies", wrongBasic, null, null);
        }
        Answer locked = operator("GET", "/v1/platform/agencies", null);
        assertProblem(locked, 429, "rate_limited");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 6); // the test runtime's first lock is 4 s
        Thread.sleep((retryAfter + 1) * 1000);
        assertEquals(200, operator("GET", "/v1/platform/agencies", null).status()); // and the success clears the count
        assertEquals(200, operator("GET", "/v1/platform/agencies", null).status());
    }

    /** An SSH login as Karaf's SSH server makes it: the operator realm, with the client's address in the subject. */
    private String sshLogin(String address, String password) {
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.ClientPrincipal("ssh", "/" + address + ":40022"));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            new javax.security.auth.login.LoginContext("karaf", subject, callbacks -> {
                for (javax.security.auth.callback.Callback c : callbacks) {
                    if (c instanceof javax.security.auth.callback.NameCallback n) {
                        n.setName("admin");
                    } else if (c instanceof javax.security.auth.callback.PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            }).login();
            return "ok";
        } catch (javax.security.auth.login.AccountLockedException e) {
            return "refused";
        } catch (javax.security.auth.login.FailedLoginException e) {
            return "wrong";
        } catch (javax.security.auth.login.LoginException e) {
            return "failed: " + e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    public void sshOperatorLoginsAreThrottledPerClientAddress() {
        List<String> outcomes = Guesses.inParallel(20, i -> new Answer(200, Map.of(), sshLogin("198.51.100.77", "ssh guess " + i)))
                .stream().map(Answer::body).toList();
        long wrong = outcomes.stream().filter("wrong"::equals).count();
        long refused = outcomes.stream().filter("refused"::equals).count();
        assertEquals(outcomes.toString(), 20, wrong + refused);
        assertTrue(outcomes.toString(), wrong <= Guesses.LIMIT);
        for (long i = wrong; i < Guesses.LIMIT; i++) {
            sshLogin("198.51.100.77", "one more ssh guess " + i);
        }
        // that address may not even try the right password now; the operator at another address logs in
        assertEquals("refused", sshLogin("198.51.100.77", OPERATOR_PASSWORD));
        assertEquals("ok", sshLogin("192.0.2.44", OPERATOR_PASSWORD));
    }

    @Test
    public void aReplayedRefreshTokenEndsTheWholeSession() {
        createAgency("replay");
        Answer login = post("/v1/auth/login", null, Map.of("agency", "replay", "email", "admin@replay.test",
                "password", passwordOf("replay")));
        String stolen = login.json().path("refreshToken").asText();
        Answer owner = post("/v1/auth/refresh", null, Map.of("refreshToken", stolen));
        assertEquals(200, owner.status());
        String ownerAccess = owner.json().path("accessToken").asText();
        String ownerRefresh = owner.json().path("refreshToken").asText();
        assertEquals(200, get("/v1/me", ownerAccess).status());
        String otherSession = login("replay", "admin@replay.test", passwordOf("replay"));

        // the old refresh token comes back (a thief's copy): refused, and the session it belonged to ends
        assertProblem(post("/v1/auth/refresh", null, Map.of("refreshToken", stolen)), 401, "unauthorized");
        assertProblem(get("/v1/me", ownerAccess), 401, "unauthorized");
        assertProblem(post("/v1/auth/refresh", null, Map.of("refreshToken", ownerRefresh)), 401, "unauthorized");
        assertEquals(200, get("/v1/me", otherSession).status()); // the user's other sessions go on
    }

    @Test
    public void anotherAgencysIdsAnswerLikeMissingOnes() {
        String a = createAgency("tenant-a");
        String b = createAgency("tenant-b");
        String userOfA = post("/v1/users", a, Map.of("name", "Only A", "email", "only@tenant-a.test",
                "roles", List.of("COLLABORATOR"), "password", "a collaborator passphrase")).json().path("id").asText();

        Answer fromB = get("/v1/users/" + userOfA, b);
        Answer missing = get("/v1/users/00000000-0000-0000-0000-000000000000", b);
        assertProblem(fromB, 404, "not_found");
        assertProblem(missing, 404, "not_found");
        assertEquals(missing.json().path("title").asText(), fromB.json().path("title").asText());
        assertProblem(call("PATCH", "/v1/users/" + userOfA, bearer(b), "application/json", "{\"name\":\"hijack\"}"), 404, "not_found");
        assertProblem(call("DELETE", "/v1/users/" + userOfA, bearer(b), null, null), 404, "not_found");
        assertFalse(get("/v1/users?limit=500", b).body().contains("only@tenant-a.test"));
        assertTrue(get("/v1/users?limit=500", a).body().contains("only@tenant-a.test"));
    }

    @Test
    public void everyErrorIsProblemJson() {
        String admin = createAgency("errors");
        assertProblem(call("GET", "/v1/does-not-exist", null, null, null), 404, "not_found");
        assertProblem(call("GET", "/v1/users/x/y/z", bearer(admin), null, null), 404, "not_found");
        assertProblem(call("DELETE", "/v1/me", bearer(admin), null, null), 405, "method_not_allowed");
        assertProblem(call("POST", "/v1/users", bearer(admin), "application/json", "{\"name\": "), 400, "malformed_request");
        JsonNode wrongType = assertProblem(call("POST", "/v1/users", bearer(admin), "application/json",
                "{\"name\":\"x\",\"email\":\"x@y.test\",\"roles\":\"ADMIN\",\"password\":\"long enough password\"}"), 400, "malformed_request");
        assertEquals("roles", wrongType.path("errors").get(0).path("field").asText());
        assertProblem(call("POST", "/v1/users", bearer(admin), "application/json", "{\"nmae\":\"typo\"}"), 400, "malformed_request");
        assertProblem(call("POST", "/v1/users", bearer(admin), "application/json", ""), 400, "malformed_request");
        assertProblem(call("POST", "/v1/users", bearer(admin), "text/plain", "hello"), 415, "unsupported_media_type");
        assertProblem(call("GET", "/v1/users?limit=0", bearer(admin), null, null), 400, "validation_failed");
        assertProblem(call("GET", "/v1/users?cursor=@@@", bearer(admin), null, null), 400, "validation_failed");
        assertProblem(call("GET", "/v1/users", "Bearer not-a-token", null, null), 401, "unauthorized");
        assertProblem(call("GET", "/v1/users", null, null, null), 401, "unauthorized");
        assertNotNull(call("GET", "/v1/nothing", null, null, null).header("X-Correlation-Id"));
    }

    @Test
    public void openApiAndHealthAreServed() {
        Answer health = call("GET", "/v1/health", null, null, null);
        assertEquals(200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        assertEquals("3.0.1", doc.path("openapi").asText());
        for (String path : List.of("/v1/auth/login", "/v1/me", "/v1/users", "/v1/users/{id}", "/v1/platform/agencies",
                "/v1/platform/agencies/{slug}/modules", "/v1/modules", "/v1/health", "/v1/notifications")) {
            assertTrue("OpenAPI lists " + path, doc.path("paths").has(path));
        }
        Answer ui = call("GET", "/docs", null, null, null);
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger-ui-bundle.js"));
        assertEquals(200, call("GET", "/docs/swagger-ui-bundle.js", null, null, null).status());
    }

    @Test
    public void shellCommandsManageAgencies() {
        String out = executeCommand("clientele:agency-create --admin-name Admin --admin-email a@shell.test"
                + " --admin-password 'a shell typed passphrase' -m budget shell-made 'Shell Made'");
        assertTrue(out, out.contains("Created agency shell-made"));
        String list = executeCommand("clientele:agency-list");
        assertTrue(list, list.contains("shell-made"));
        String modules = executeCommand("clientele:agency-modules shell-made ijob monthly-fee");
        assertTrue(modules, modules.contains("[ijob, monthly-fee]"));
        String users = executeCommand("clientele:user-list shell-made");
        assertTrue(users, users.contains("a@shell.test"));
        assertEquals(List.of("ijob", "monthly-fee"), JSON.convertValue(
                operator("GET", "/v1/platform/agencies/shell-made", null).json().path("modules"), List.class));
        String refused = executeCommand("clientele:agency-create --admin-name A --admin-email bad --admin-password p 'Bad Slug' X");
        assertTrue(refused, refused.contains("validation_failed") && refused.contains("slug"));
    }

    @Test
    public void onlyThePlatformsEdgeCanSetWhomAThreadWorksFor() throws Exception {
        String scope = "io.clientele.platform.api.context";
        org.osgi.framework.Bundle api = null;
        for (org.osgi.framework.Bundle b : bundleContext.getBundles()) {
            if ("io.clientele.platform.api".equals(b.getSymbolicName())) {
                api = b;
            }
        }
        assertNotNull(api);
        java.util.Set<String> wired = new java.util.TreeSet<>();
        for (org.osgi.framework.wiring.BundleWire wire : api.adapt(org.osgi.framework.wiring.BundleWiring.class)
                .getProvidedWires(org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE)) {
            if (scope.equals(wire.getCapability().getAttributes().get(org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE))) {
                wired.add(wire.getRequirer().getSymbolicName());
            }
        }
        assertEquals("bundles that can set the caller of a thread", java.util.Set.of("io.clientele.platform.impl", "io.clientele.platform.rest"), wired);

        // a module importing the package the ordinary way (as bnd would generate it) does not resolve
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.clientele.itests.wouldbeagency");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", scope + ";version=\"[1.0,2)\"");
        java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(jar, manifest).close();
        org.osgi.framework.Bundle module = bundleContext.installBundle("memory:wouldbeagency", new java.io.ByteArrayInputStream(jar.toByteArray()));
        try {
            module.start();
            throw new AssertionError("a bundle without clientele.scope=edge resolved against " + scope);
        } catch (org.osgi.framework.BundleException expected) {
            assertEquals(org.osgi.framework.BundleException.RESOLVE_ERROR, expected.getType());
        } finally {
            module.uninstall();
        }
    }
}
