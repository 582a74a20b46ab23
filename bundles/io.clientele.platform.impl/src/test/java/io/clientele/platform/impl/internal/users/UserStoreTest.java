package io.clientele.platform.impl.internal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.auth.BreachedListPasswordPolicy;
import io.clientele.platform.impl.internal.auth.Pbkdf2PasswordHasher;
import io.clientele.platform.impl.internal.auth.DatabaseLoginThrottle;
import io.clientele.platform.impl.internal.auth.TestAuthConfig;
import io.clientele.platform.impl.internal.auth.TokenSessionService;
import io.clientele.platform.impl.internal.db.PlatformUnit;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import io.clientele.platform.impl.internal.event.EventAdminDomainEvents;
import io.clientele.platform.impl.internal.history.HistoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** UserStore on the platform unit, with the real policy, hasher, sessions, history and events on a migrated Derby database. */
class UserStoreTest {

    private static final Principal ACME = Principal.system("acme-id", "acme", "test");
    private static final String PASSWORD = "a perfectly long passphrase";

    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private UserStore users;

    @BeforeEach
    void setUp() {
        PlatformUnit platform = PlatformUnit.derby();
        ThreadBoundDatabase db = platform.database();
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_agency (id, slug, name, created_at) VALUES ('acme-id', 'acme', 'Acme', ?)",
                Instant.now()));
        EventAdmin eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
        users = new UserStore(db, platform.unit(), new BreachedListPasswordPolicy(), new Pbkdf2PasswordHasher(100_000),
                new TokenSessionService(db, platform.unit(), TestAuthConfig.defaults()), new HistoryStore(db, platform.unit()), new EventAdminDomainEvents(eventAdmin, db),
                new DatabaseLoginThrottle(db, TestAuthConfig.defaults(), java.time.Clock.systemUTC()));
    }

    private User create(String name, String email, Role... roles) {
        return RequestContext.runAs(ACME, () -> users.create(new UserStore.NewUser(name, email, Set.of(roles), PASSWORD), ""));
    }

    @Test
    void aNewUserIsStoredAnnouncedAndFoundAgain() {
        User ana = create("Ana", "Ana@Acme.test", Role.ADMIN);
        assertEquals(0, ana.version());
        assertEquals(ana, RequestContext.runAs(ACME, () -> users.get(ana.id())));
        assertEquals(1, posted.size());
        assertEquals("clientele/platform/user/CREATED", posted.get(0).getTopic());
        assertEquals("acme-id", posted.get(0).getProperty("agencyId"));
        assertTrue(RequestContext.runAs(ACME, () -> users.credentials("ana@acme.TEST")).isPresent());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        ProblemException e = assertThrows(ProblemException.class, () -> RequestContext.runAs(ACME,
                () -> users.create(new UserStore.NewUser(" ", "nope", Set.of(), "short"), "admin.")));
        assertEquals(List.of("admin.name", "admin.email", "admin.roles", "admin.password"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void anEmailIsUniqueInTheAgencyWhateverItsCase() {
        create("Ana", "ana@acme.test", Role.ADMIN);
        ProblemException e = assertThrows(ProblemException.class, () -> create("Other Ana", "ANA@acme.test", Role.SERVICE));
        assertEquals(409, e.status());
        assertEquals("email", e.errors().get(0).field());
        assertEquals(1, posted.size(), "no event for the refused user");
    }

    @Test
    void listsPageByEmailWithCursors() {
        create("C", "c@acme.test", Role.ADMIN);
        create("A", "a@acme.test", Role.SERVICE);
        create("B", "b@acme.test", Role.FINANCE);
        Page<User> first = RequestContext.runAs(ACME, () -> users.list(2, null, null));
        assertEquals(List.of("a@acme.test", "b@acme.test"), first.items().stream().map(User::email).toList());
        assertNotNull(first.nextCursor());
        Page<User> second = RequestContext.runAs(ACME, () -> users.list(2, first.nextCursor(), null));
        assertEquals(List.of("c@acme.test"), second.items().stream().map(User::email).toList());
        assertNull(second.nextCursor());
    }

    @Test
    void unknownIdsAreReportedInOneLookup() {
        User a = create("A", "a@acme.test", Role.ADMIN);
        assertEquals(List.of("missing"), RequestContext.runAs(ACME, () -> users.unknownIds(List.of(a.id(), "missing", a.id()))));
        assertEquals(List.of(a.id()), RequestContext.runAs(Principal.system("other", "other", "t"), () -> users.unknownIds(List.of(a.id()))));
    }

    @Test
    void theLastActiveAdminStays() {
        User ana = create("Ana", "ana@acme.test", Role.ADMIN);
        assertEquals(409, assertThrows(ProblemException.class, () -> RequestContext.runAs(ACME,
                () -> users.update(ana.id(), null, new UserStore.UserChanges(null, null, Set.of(Role.SERVICE), null)))).status());
        create("Bob", "bob@acme.test", Role.ADMIN);
        User demoted = RequestContext.runAs(ACME, () -> users.update(ana.id(), 0L, new UserStore.UserChanges(null, null, Set.of(Role.SERVICE), null)));
        assertEquals(Set.of(Role.SERVICE), demoted.roles());
        assertEquals(412, assertThrows(ProblemException.class, () -> RequestContext.runAs(ACME,
                () -> users.update(ana.id(), 0L, new UserStore.UserChanges("Stale", null, null, null)))).status());
    }
}
