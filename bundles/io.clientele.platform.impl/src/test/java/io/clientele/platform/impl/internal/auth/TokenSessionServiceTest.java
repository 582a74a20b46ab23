package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.impl.internal.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.impl.internal.db.PlatformUnit;
import io.clientele.platform.impl.internal.db.ThreadBoundDatabase;
import javax.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenSessionServiceTest {

    private ThreadBoundDatabase db;
    private EntityManagerFactory unit;
    private MovableClock clock;
    private TokenSessionService sessions;
    private Principal ana;

    @BeforeEach
    void setUp() {
        PlatformUnit platform = PlatformUnit.derby();
        db = platform.database();
        unit = platform.unit();
        clock = new MovableClock();
        Instant now = Instant.now();
        db.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO platform_agency (id, slug, name, created_at) VALUES ('ag', 'acme', 'Acme', ?)", now);
            return Jdbc.update(c, "INSERT INTO platform_user (id, agency_id, name, email, email_lower, password_hash, roles, active, "
                    + "version, created_at, updated_at) VALUES ('u1', 'ag', 'Ana', 'ana@acme.test', 'ana@acme.test', 'x', 'ADMIN,FINANCE', ?, 0, ?, ?)",
                    true, now, now);
        });
        sessions = new TokenSessionService(db, unit, TestAuthConfig.defaults(), clock);
        ana = new Principal(PrincipalKind.STAFF, "u1", "Ana", "ag", "acme", Set.of(Role.ADMIN), null);
    }

    @Test
    void anAccessTokenNamesItsUserWithCurrentRoles() {
        SessionService.Tokens tokens = sessions.open(ana);
        Principal p = sessions.authenticate(tokens.accessToken());
        assertEquals("u1", p.id());
        assertEquals("acme", p.agencySlug());
        assertEquals(Set.of(Role.ADMIN, Role.FINANCE), p.roles());
        assertEquals(tokens.sessionId(), p.sessionId());
    }

    @Test
    void tamperedExpiredAndRevokedTokensAreRefused() {
        SessionService.Tokens tokens = sessions.open(ana);
        String t = tokens.accessToken();
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(t.substring(1))).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate("a.b.c")).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate("")).status());
        TokenSessionService otherKey = new TokenSessionService(db, unit, new TestAuthConfig(
                java.util.Base64.getEncoder().encodeToString(new byte[32]), 900, 5, 60), clock);
        assertEquals(401, assertThrows(ProblemException.class, () -> otherKey.authenticate(t)).status());

        clock.now = clock.now.plus(Duration.ofSeconds(901));
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(t)).status());

        SessionService.Tokens fresh = sessions.open(ana);
        sessions.revoke(fresh.sessionId());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(fresh.accessToken())).status());
    }

    @Test
    void refreshRotatesAndDeactivationEndsSessions() {
        SessionService.Tokens first = sessions.open(ana);
        SessionService.Tokens second = sessions.refresh(first.refreshToken(), PrincipalKind.STAFF);
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(first.refreshToken(), PrincipalKind.STAFF)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(second.refreshToken(), PrincipalKind.CONTACT)).status());
        SessionService.Tokens other = sessions.open(ana);
        db.inTransaction(c -> Jdbc.update(c, "UPDATE platform_user SET active = ? WHERE id = 'u1'", false));
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(other.accessToken())).status());
    }

    @Test
    void aRotatedRefreshTokenPresentedAgainRevokesTheWholeSession() {
        SessionService.Tokens stolen = sessions.open(ana);
        SessionService.Tokens owner = sessions.refresh(stolen.refreshToken(), PrincipalKind.STAFF);
        SessionService.Tokens ownerLater = sessions.refresh(owner.refreshToken(), PrincipalKind.STAFF);
        SessionService.Tokens elsewhere = sessions.open(ana); // another session of the same user is not touched
        assertEquals("u1", sessions.authenticate(ownerLater.accessToken()).id());

        // the thief replays the first refresh token, two rotations old
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(stolen.refreshToken(), PrincipalKind.STAFF)).status());
        // every token of that session is dead: the current access token, and the holder's current refresh token
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(ownerLater.accessToken())).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(ownerLater.refreshToken(), PrincipalKind.STAFF)).status());
        assertEquals("u1", sessions.authenticate(elsewhere.accessToken()).id());
        assertEquals(1L, (long) db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_session WHERE id = ? AND revoked_at IS NOT NULL",
                stolen.sessionId())));
    }

    @Test
    void anUnknownRefreshTokenRevokesNothing() {
        SessionService.Tokens tokens = sessions.open(ana);
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh("not-a-token", PrincipalKind.STAFF)).status());
        assertEquals("u1", sessions.authenticate(tokens.accessToken()).id());
        sessions.refresh(tokens.refreshToken(), PrincipalKind.STAFF);
    }

    @Test
    void aContactSessionKeepsItsKindAndNameThroughRefreshAndIsRevokedWithAllOthers() {
        Principal carla = new Principal(PrincipalKind.CONTACT, "c1", "Carla Contact", "ag", "acme", Set.of(), null);
        SessionService.Tokens first = sessions.open(carla);
        Principal p = sessions.authenticate(first.accessToken());
        assertEquals(PrincipalKind.CONTACT, p.kind());
        assertEquals(Set.of(), p.roles());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(first.refreshToken(), PrincipalKind.STAFF)).status());
        SessionService.Tokens second = sessions.refresh(first.refreshToken(), PrincipalKind.CONTACT);
        Principal refreshed = sessions.authenticate(second.accessToken());
        assertEquals("Carla Contact", refreshed.name());
        assertEquals("c1", refreshed.id());
        assertEquals("acme", refreshed.agencySlug());

        SessionService.Tokens other = sessions.open(carla);
        sessions.revokeAll(PrincipalKind.CONTACT, "c1", null);
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(second.accessToken())).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.authenticate(other.accessToken())).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> sessions.refresh(second.refreshToken(), PrincipalKind.CONTACT)).status());
    }

    @Test
    void everyNodeSharesTheGeneratedSigningKey() {
        SessionService.Tokens tokens = sessions.open(ana);
        TokenSessionService secondNode = new TokenSessionService(db, unit, TestAuthConfig.defaults(), clock);
        assertEquals("u1", secondNode.authenticate(tokens.accessToken()).id());
    }
}
