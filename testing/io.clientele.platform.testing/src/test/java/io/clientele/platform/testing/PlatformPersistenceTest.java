package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.tenancy.AgencyDirectory.NewAgency;
import io.clientele.platform.api.tenancy.AgencyEvents;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.agency.AgencyStore;
import io.clientele.platform.impl.internal.users.UserStore;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's persistence unit {@code platform} (agencies, users, notifications, sessions, history; outbox mail: OutboxPersistenceTest) and its stores outside OSGi, on Derby
 * migrated by the platform's changelog (and PostgreSQL when it answers), wired to the real history, sessions and events:
 * the mappings against the schema, tenancy, versions and 412s, lists' order, and one transaction with the JDBC writes.
 * It lives here, not beside the stores, because JpaUnitFixture's module depends on the platform bundle.
 */
class PlatformPersistenceTest {

    private static final String PASSWORD = "a perfectly long passphrase";

    private JpaUnitFixture db;
    private PlatformStores stores;

    @BeforeEach
    void unit() {
        db = JpaUnitFixture.derby("platform", AgencyStore.class);
        stores = new PlatformStores(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Agency agency(PlatformStores on, String slug, String... modules) {
        return on.agencies.create(new NewAgency("Agency " + slug, slug, Set.of(modules), "Admin " + slug, "admin@" + slug + ".test",
                PASSWORD));
    }

    private static <T> T as(Agency agency, Supplier<T> work) {
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "unit test"), work);
    }

    private static <T> T asUser(Agency agency, String userId, Supplier<T> work) {
        return RequestContext.runAs(new Principal(PrincipalKind.STAFF, userId, "staff", agency.id(), agency.slug(), Set.of(Role.ADMIN),
                null), work);
    }

    private static User user(PlatformStores on, Agency agency, String name, String email) {
        return as(agency, () -> on.users.create(new UserStore.NewUser(name, email, Set.of(Role.SERVICE), PASSWORD), ""));
    }

    private static ProblemException problem(Runnable call) {
        return assertThrows(ProblemException.class, call::run);
    }

    // ---- the unit

    @Test
    void everyMappingMatchesTheMigratedSchemaOnDerby() {
        assertEquals(List.of(), db.mappingProblems());
        assertEquals(6, db.unit().getMetamodel().getEntities().size(), "every entity of persistence.xml is in the unit");
    }

    @Test
    void everyMappingMatchesTheMigratedSchemaAndTheStoresWorkOnPostgresql() {
        try (JpaUnitFixture pg = JpaUnitFixture.postgres("platform", AgencyStore.class)) {
            assertEquals(List.of(), pg.mappingProblems());
            PlatformStores on = new PlatformStores(pg);
            Agency acme = agency(on, "acme", "budget");
            assertEquals(acme, on.agencies.findBySlug("acme").orElseThrow());
            assertEquals(Set.of("budget", "ijob"), on.agencies.setModules("acme", Set.of("ijob", "budget")).modules());
            assertEquals(Set.of("budget", "ijob"), on.agencies.findById(acme.id()).orElseThrow().modules());
            User ana = user(on, acme, "Ana", "Ana@Acme.test");
            assertEquals(ana, as(acme, () -> on.users.get(ana.id())));
            User changed = as(acme, () -> on.users.update(ana.id(), 0L, new UserStore.UserChanges("Ana B", null, Set.of(Role.ADMIN), null)));
            assertEquals(1, changed.version());
            assertEquals(changed, as(acme, () -> on.users.get(ana.id())));
            assertTrue(as(acme, () -> on.users.credentials("ANA@acme.test")).isPresent());
            as(acme, () -> {
                on.notifications.notify(List.of(ana.id()), "test", "Hello", "Body", "/x");
                return null;
            });
            Notification n = asUser(acme, ana.id(), () -> on.notifications.forCurrentUser(false, 10, null)).items().get(0);
            Notification read = asUser(acme, ana.id(), () -> on.notifications.markRead(n.id()));
            assertNotNull(read.readAt());
            assertEquals(read, asUser(acme, ana.id(), () -> on.notifications.forCurrentUser(false, 10, null)).items().get(0));
            sessionsOpenRefreshAndEnd(on, acme, ana);
        }
    }

    // ---- agencies

    @Test
    void anAgencyIsStoredWithItsModulesAndItsFirstAdminAndASlugIsUnique() {
        Agency acme = agency(stores, "acme", "budget", "ijob");
        assertEquals(Set.of("budget", "ijob"), acme.modules());
        assertEquals(acme, stores.agencies.findBySlug("acme").orElseThrow());
        assertTrue(stores.agencies.isSubscribed(acme.id(), "ijob"));
        List<User> admins = as(acme, () -> stores.users.all());
        assertEquals(1, admins.size());
        assertEquals(Set.of(Role.ADMIN), admins.get(0).roles());
        assertTrue(stores.posted.contains(AgencyEvents.AGENCY_CREATED), "the agency's event: " + stores.posted);

        AgencyDirectory.Refused taken = assertThrows(AgencyDirectory.Refused.class, () -> agency(stores, "acme"));
        assertEquals(AgencyDirectory.Refused.Reason.SLUG_TAKEN, taken.reason());
        assertEquals(List.of("slug"), taken.fields().stream().map(f -> f.field()).toList());
        assertEquals(1, stores.agencies.list().size(), "the refused agency left no row");

        Agency zeta = agency(stores, "zeta");
        Agency beta = agency(stores, "beta");
        assertEquals(List.of("acme", "beta", "zeta"), stores.agencies.list().stream().map(Agency::slug).toList());
        assertEquals(Set.of(), stores.agencies.setModules("acme", Set.of()).modules());
        assertEquals(Set.of(), stores.agencies.findById(acme.id()).orElseThrow().modules());
        assertEquals(AgencyDirectory.Refused.Reason.AGENCY_NOT_FOUND, assertThrows(AgencyDirectory.Refused.class,
                () -> stores.agencies.setModules("nobody", Set.of())).reason());
        assertEquals(AgencyDirectory.Refused.Reason.INVALID_INPUT, assertThrows(AgencyDirectory.Refused.class,
                () -> stores.agencies.setLocale("acme", "fr")).reason());
        assertNotNull(zeta.createdAt());
        assertNotNull(beta.id());
    }

    // ---- tenancy

    @Test
    void anAgencyNeverReadsNorChangesAnotherAgencysUsersOrNotifications() {
        Agency a = agency(stores, "agency-a");
        Agency b = agency(stores, "agency-b");
        User ana = user(stores, a, "Ana", "same@mail.test");
        User bob = user(stores, b, "Bob", "same@mail.test"); // the e-mail is unique per agency only

        assertTrue(as(a, () -> stores.users.find(bob.id())).isEmpty());
        assertEquals(List.of(bob.id()), as(a, () -> stores.users.unknownIds(List.of(ana.id(), bob.id()))));
        assertEquals(2, as(a, () -> stores.users.all()).size(), "agency a's admin and Ana");
        assertTrue(as(a, () -> stores.users.all()).stream().noneMatch(u -> u.id().equals(bob.id())));
        assertEquals(404, problem(() -> as(a, () -> stores.users.update(bob.id(), null,
                new UserStore.UserChanges("Mallory", null, null, null)))).status());
        assertEquals("Bob", as(b, () -> stores.users.get(bob.id())).name());
        assertEquals(ana.id(), as(a, () -> stores.users.credentials("same@mail.test")).orElseThrow().userId());
        assertEquals(bob.id(), as(b, () -> stores.users.credentials("same@mail.test")).orElseThrow().userId());

        as(a, () -> {
            stores.notifications.notify(List.of(ana.id()), "test", "For Ana", null, null);
            return null;
        });
        Notification forAna = asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(true, 10, null)).items().get(0);
        // the same user id in another agency sees nothing and cannot mark it read
        assertEquals(List.of(), asUser(b, ana.id(), () -> stores.notifications.forCurrentUser(false, 10, null)).items());
        assertEquals(404, problem(() -> asUser(b, ana.id(), () -> stores.notifications.markRead(forAna.id()))).status());
        // another user of the same agency neither
        assertEquals(404, problem(() -> asUser(a, "someone-else", () -> stores.notifications.markRead(forAna.id()))).status());
        assertNull(asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(false, 10, null)).items().get(0).readAt());
    }

    // ---- versions, lists

    @Test
    void versionsStartAtZeroEachChangeAddsOneAndAStaleWriteIs412() {
        Agency a = agency(stores, "acme");
        User ana = user(stores, a, "Ana", "ana@acme.test");
        assertEquals(0, ana.version());
        User renamed = as(a, () -> stores.users.update(ana.id(), 0L, new UserStore.UserChanges("Ana B", null, null, null)));
        assertEquals(1, renamed.version());
        assertEquals(renamed, as(a, () -> stores.users.get(ana.id())), "a write answers what a read then gives");

        ProblemException stale = problem(() -> as(a, () -> stores.users.update(ana.id(), 0L,
                new UserStore.UserChanges("Ana C", null, null, null))));
        assertEquals(412, stale.status());
        assertEquals(renamed, as(a, () -> stores.users.get(ana.id())), "the refused write changed nothing");

        assertEquals(409, problem(() -> as(a, () -> stores.users.update(ana.id(), 1L,
                new UserStore.UserChanges(null, "ADMIN@acme.test", null, null)))).status(), "the admin's e-mail is taken");
        assertEquals(409, problem(() -> user(stores, a, "Other", "Ana@Acme.test")).status());
        assertEquals(2, as(a, () -> stores.users.update(ana.id(), 1L, new UserStore.UserChanges(null, null, null, false))).version());
    }

    @Test
    void theLastActiveAdminStaysAndUsersAreListedByEmailInKeysetPages() {
        Agency a = agency(stores, "acme");
        User admin = as(a, () -> stores.users.all()).get(0);
        assertEquals(409, problem(() -> as(a, () -> {
            stores.users.deactivate(admin.id());
            return null;
        })).status());
        user(stores, a, "Zed", "zed@acme.test");
        user(stores, a, "Bea", "Bea@acme.test");
        user(stores, a, "Cid", "cid@acme.test");
        Page<User> first = as(a, () -> stores.users.list(2, null, null));
        assertEquals(List.of("admin@acme.test", "Bea@acme.test"), first.items().stream().map(User::email).toList());
        Page<User> second = as(a, () -> stores.users.list(2, first.nextCursor(), null));
        assertEquals(List.of("cid@acme.test", "zed@acme.test"), second.items().stream().map(User::email).toList());
        assertNull(second.nextCursor(), "the last page");
        User zed = second.items().get(1);
        as(a, () -> {
            stores.users.deactivate(zed.id());
            return null;
        });
        assertEquals(List.of("zed@acme.test"), as(a, () -> stores.users.list(10, null, false)).items().stream().map(User::email).toList());
    }

    @Test
    void notificationsAreListedNewestFirstAndReadOnce() {
        Agency a = agency(stores, "acme");
        User ana = user(stores, a, "Ana", "ana@acme.test");
        for (int i = 0; i < 3; i++) {
            String title = "n" + i;
            as(a, () -> {
                stores.notifications.notify(List.of(ana.id(), ana.id()), "test", title, null, null);
                return null;
            });
        }
        Page<Notification> first = asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(false, 2, null));
        assertEquals(List.of("n2", "n1"), first.items().stream().map(Notification::title).toList(), "one per user, newest first");
        Page<Notification> rest = asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(false, 2, first.nextCursor()));
        assertEquals(List.of("n0"), rest.items().stream().map(Notification::title).toList());
        assertNull(rest.nextCursor());

        Notification read = asUser(a, ana.id(), () -> stores.notifications.markRead(first.items().get(0).id()));
        Notification again = asUser(a, ana.id(), () -> stores.notifications.markRead(read.id()));
        assertEquals(read.readAt(), again.readAt(), "the first read time stays");
        assertEquals(List.of("n1", "n0"), asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(true, 10, null)).items()
                .stream().map(Notification::title).toList());
        assertEquals(400, problem(() -> asUser(a, ana.id(), () -> stores.notifications.forCurrentUser(false, 2, "bm90IGEgY3Vyc29y")))
                .status());
    }

    @Test
    void historyIsAppendedInTheCallersTransactionAndReadNewestFirstByItsAgencyOnly() {
        Agency a = agency(stores, "acme");
        Agency b = agency(stores, "other");
        for (int i = 0; i < 3; i++) {
            String action = "STEP" + i;
            as(a, () -> stores.history.record("customer", "c-1", "customer", "c-1", action,
                    List.of(new FieldChange("name", "before " + action, "after " + action))));
        }
        as(a, () -> {
            stores.history.recordAll(List.of(new HistoryService.Change("customer", "c-1", "customer", "c-1", "IMPORTED", List.of())));
            return null;
        });
        as(b, () -> stores.history.record("customer", "c-1", "customer", "c-1", "ELSEWHERE", List.of()));

        Page<HistoryEntry> first = as(a, () -> stores.history.page("customer", "c-1", 2, null));
        assertEquals(List.of("IMPORTED", "STEP2"), first.items().stream().map(HistoryEntry::action).toList(), "newest first");
        assertEquals(List.of(new FieldChange("name", "before STEP2", "after STEP2")), first.items().get(1).changes(), "changes as written");
        Page<HistoryEntry> rest = as(a, () -> stores.history.page("customer", "c-1", 2, first.nextCursor()));
        assertEquals(List.of("STEP1", "STEP0"), rest.items().stream().map(HistoryEntry::action).toList());
        assertNull(rest.nextCursor());
        assertEquals(List.of("ELSEWHERE"), as(b, () -> stores.history.page("customer", "c-1", 10, null)).items().stream()
                .map(HistoryEntry::action).toList(), "another agency's entries are not read");

        // an entry written in a transaction that then fails is gone with it
        assertThrows(IllegalStateException.class, () -> as(a, () -> db.database().inTransaction(c -> {
            stores.history.record("customer", "c-2", "customer", "c-2", "LOST", List.of());
            throw new IllegalStateException("fails after the history write");
        })));
        assertTrue(as(a, () -> stores.history.page("customer", "c-2", 10, null)).items().isEmpty());
        assertEquals(400, problem(() -> as(a, () -> stores.history.page("customer", "c-1", 2, "bm90IGEgY3Vyc29y"))).status());
    }

    // ---- sessions

    @Test
    void sessionsOpenRefreshOnceAndEndOnDerby() {
        Agency acme = agency(stores, "acme");
        sessionsOpenRefreshAndEnd(stores, acme, user(stores, acme, "Ana", "ana@acme.test"));
    }

    /** A staff session and a portal contact's: authenticated, rotated once (a replayed token ends the session), revoked. */
    private static void sessionsOpenRefreshAndEnd(PlatformStores on, Agency agency, User staff) {
        Principal ana = new Principal(PrincipalKind.STAFF, staff.id(), staff.name(), agency.id(), agency.slug(), staff.roles(), null);
        SessionService.Tokens tokens = on.sessions.open(ana);
        assertEquals(staff.id(), on.sessions.authenticate(tokens.accessToken()).id());
        SessionService.Tokens rotated = on.sessions.refresh(tokens.refreshToken(), PrincipalKind.STAFF);
        assertEquals(tokens.sessionId(), rotated.sessionId());
        assertEquals(401, problem(() -> on.sessions.refresh(tokens.refreshToken(), PrincipalKind.STAFF)).status(), "a replayed token");
        assertEquals(401, problem(() -> on.sessions.refresh(rotated.refreshToken(), PrincipalKind.STAFF)).status(),
                "the replay ended the whole session");
        assertEquals(401, problem(() -> on.sessions.authenticate(rotated.accessToken())).status());

        Principal contact = new Principal(PrincipalKind.CONTACT, "contact-1", "Carla", agency.id(), agency.slug(), Set.of(), null);
        SessionService.Tokens portal = on.sessions.refresh(on.sessions.open(contact).refreshToken(), PrincipalKind.CONTACT);
        Principal back = on.sessions.authenticate(portal.accessToken()); // its claims were built from the stored session
        assertEquals("Carla", back.name());
        assertEquals(agency.slug(), back.agencySlug());
        assertEquals(401, problem(() -> on.sessions.refresh(portal.refreshToken(), PrincipalKind.STAFF)).status(), "wrong kind");
        assertEquals("contact-1", on.sessions.authenticate(portal.accessToken()).id(), "a refresh of the wrong kind ends nothing");
        on.sessions.revoke(portal.sessionId());
        assertEquals(401, problem(() -> on.sessions.authenticate(portal.accessToken())).status());
        SessionService.Tokens other = on.sessions.open(ana);
        on.sessions.revokeAll(PrincipalKind.STAFF, staff.id(), null);
        assertEquals(401, problem(() -> on.sessions.authenticate(other.accessToken())).status());
    }

    // ---- one transaction with JDBC

    @Test
    void aFailureBetweenAJpaWriteAndAJdbcWriteInOneTransactionLeavesNeither() {
        Agency a = agency(stores, "acme");
        String[] created = new String[1];
        assertThrows(IllegalStateException.class, () -> as(a, () -> db.database().inTransaction(c -> {
            created[0] = stores.users.create(new UserStore.NewUser("Ana", "ana@acme.test", Set.of(Role.SERVICE), PASSWORD), "").id();
            Jdbc.update(c, "INSERT INTO platform_agency_module (agency_id, module_id) VALUES (?, ?)", a.id(), "never");
            stores.notifications.notify(List.of(created[0]), "test", "Welcome", null, null);
            throw new IllegalStateException("fails after JPA and JDBC writes of one transaction");
        })));
        assertTrue(as(a, () -> stores.users.find(created[0])).isEmpty(), "the user is gone");
        assertEquals(0, stores.count("SELECT COUNT(*) FROM platform_history WHERE entity_id = ?", created[0]), "its history too");
        assertEquals(0, stores.count("SELECT COUNT(*) FROM platform_notification WHERE user_id = ?", created[0]));
        assertEquals(0, stores.count("SELECT COUNT(*) FROM platform_agency_module WHERE agency_id = ?", a.id()));

        // and a JDBC write that fails after the agency's JPA write rolls the agency back
        assertThrows(RuntimeException.class, () -> db.database().inTransaction(c -> {
            agency(stores, "orphan");
            Jdbc.update(c, "INSERT INTO platform_agency_module (agency_id, module_id) VALUES (?, ?)", "no-such-agency", "x");
            return null;
        }));
        assertTrue(stores.agencies.findBySlug("orphan").isEmpty());
        assertEquals(0, stores.count("SELECT COUNT(*) FROM platform_user WHERE email_lower = ?", "admin@orphan.test"));
    }
}
