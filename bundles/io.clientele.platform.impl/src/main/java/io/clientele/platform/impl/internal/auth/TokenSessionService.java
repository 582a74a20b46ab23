package io.clientele.platform.impl.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens are {@code base64url(claims).base64url(HMAC-SHA256)}; each names its session, which is
 * checked on every request (revocation is immediate). For staff the user's current roles and active flag
 * are read with the session, so a role change or deactivation applies to the next request.
 */
@Component(service = SessionService.class, configurationPid = "io.clientele.auth")
public class TokenSessionService implements SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSessionService.class);
    static final String SIGNING_KEY_SECRET = "token-signing-key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Database database;
    private final EntityWork work;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final byte[] signingKey;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    @Activate
    public TokenSessionService(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit,
                               AuthConfig config) {
        this(database, unit, config, Clock.systemUTC());
    }

    TokenSessionService(Database database, EntityManagerFactory unit, AuthConfig config, Clock clock) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.clock = clock;
        this.accessTtl = Duration.ofSeconds(Math.max(30, config.accessTokenTtlSeconds()));
        this.refreshTtl = Duration.ofSeconds(Math.max(300, config.refreshTokenTtlSeconds()));
        this.signingKey = signingKey(config.tokenSigningKey());
    }

    /** The configured key, else the one stored in the database, else a new one stored for every node to share. */
    private byte[] signingKey(String configured) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length < 32) {
                throw new IllegalArgumentException("tokenSigningKey must hold at least 32 bytes");
            }
            return key;
        }
        Optional<String> stored = readSecret();
        if (stored.isPresent()) {
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            database.inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)",
                    SIGNING_KEY_SECRET, Base64.getEncoder().encodeToString(key), clock.instant()));
            LOG.info("generated the access-token signing key and stored it in the database");
            return key;
        } catch (DuplicateKeyException e) {
            return Base64.getDecoder().decode(readSecret().orElseThrow());
        }
    }

    private Optional<String> readSecret() {
        return database.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT secret_value FROM platform_secret WHERE name = ?", rs -> rs.getString(1), SIGNING_KEY_SECRET));
    }

    @Override
    public Tokens open(Principal principal) {
        String sessionId = Jdbc.newId();
        String refresh = randomToken();
        Instant now = clock.instant();
        String name = principal.name() == null || principal.name().length() <= 200 ? principal.name() : principal.name().substring(0, 200);
        work.acrossAgencies(em -> {
            em.persist(new SessionRecord(sessionId, principal.agencyId(), principal.kind(), principal.id(), name, sha256(refresh), now,
                    now.plus(refreshTtl)));
            return null;
        });
        return new Tokens(accessToken(principal, sessionId, now), refresh, accessTtl.toSeconds(), sessionId);
    }

    /**
     * Rotates the refresh token and remembers the hash of the one it replaces. A refresh token that was already rotated
     * away and is presented again was copied by someone: the whole session is revoked (every token it issued stops
     * working, the legitimate holder's current refresh token too), as OAuth 2.0 Security BCP (refresh token rotation
     * with reuse detection) and ASVS 3.x ask. There is no grace period for two tabs refreshing at the same instant: the
     * second presentation of a token is indistinguishable from a thief's replay that arrives a moment after the owner's
     * refresh, so it revokes the session as well (clients refresh one at a time; the loser logs in again).
     */
    @Override
    public Tokens refresh(String refreshToken, PrincipalKind expectedKind) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ProblemException.invalid("refreshToken", "is required");
        }
        Instant now = clock.instant();
        String oldHash = sha256(refreshToken);
        String newRefresh = randomToken();
        // the reuse check revokes, so it must commit even though the refresh itself fails
        Optional<Principal> refreshed = database.inNewTransaction(c -> work.acrossAgencies(em -> {
            Optional<SessionRecord> session = em.createQuery("SELECT s FROM PlatformSession s WHERE s.refreshHash = :hash"
                            + " AND s.revokedAt IS NULL AND s.expiresAt > :now", SessionRecord.class)
                    .setParameter("hash", oldHash).setParameter("now", now).getResultList().stream().findFirst();
            if (session.isEmpty()) {
                revokeIfReused(c, em, oldHash, now);
                return Optional.empty();
            }
            if (session.get().principalKind() != expectedKind) {
                return Optional.empty();
            }
            String sessionId = session.get().id();
            // rotate: only the first refresh with this token wins, even when two arrive at once; the other is a reuse
            // (a conditional statement, not a change of the loaded entity, so that it stays one atomic compare-and-set)
            int rotated = em.createQuery("UPDATE PlatformSession s SET s.refreshHash = :new WHERE s.id = :id AND s.refreshHash = :old")
                    .setParameter("new", sha256(newRefresh)).setParameter("id", sessionId).setParameter("old", oldHash).executeUpdate();
            if (rotated != 1) {
                revokeIfReused(c, em, oldHash, now);
                return Optional.empty();
            }
            Jdbc.update(c, "INSERT INTO platform_session_used_refresh (refresh_hash, session_id, used_at) VALUES (?, ?, ?)",
                    oldHash, sessionId, now);
            return loadPrincipal(c, sessionId, session.get().principalKind(), session.get().principalId(), null, now);
        }));
        Principal principal = refreshed.orElseThrow(() -> ProblemException.unauthorized("The refresh token is not valid."));
        return new Tokens(accessToken(principal, principal.sessionId(), now), newRefresh, accessTtl.toSeconds(), principal.sessionId());
    }

    /** A refresh token rotated away earlier: its session ends. */
    private static void revokeIfReused(java.sql.Connection c, EntityManager em, String refreshHash, Instant now) {
        Jdbc.queryOne(c, "SELECT session_id FROM platform_session_used_refresh WHERE refresh_hash = ?", rs -> rs.getString(1), refreshHash)
                .ifPresent(sessionId -> {
                    int n = revoke(em, sessionId, now);
                    if (n == 1) {
                        LOG.warn("a rotated refresh token was presented again: session {} revoked", sessionId);
                    }
                });
    }

    @Override
    public Principal authenticate(String accessToken) {
        JsonNode claims = verify(accessToken);
        Instant now = clock.instant();
        if (claims.path("exp").asLong() <= now.getEpochSecond()) {
            throw ProblemException.unauthorized("The access token has expired; refresh it.");
        }
        PrincipalKind kind;
        try {
            kind = PrincipalKind.valueOf(claims.path("knd").asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unauthorized("The access token is not valid.");
        }
        String sessionId = claims.path("sid").asText();
        return database.inTransaction(c -> loadPrincipal(c, sessionId, kind, claims.path("sub").asText(), claims, now))
                .orElseThrow(() -> ProblemException.unauthorized("The session has ended; log in again."));
    }

    private Optional<Principal> loadPrincipal(java.sql.Connection c, String sessionId, PrincipalKind kind, String subject,
                                              JsonNode claims, Instant now) {
        if (kind == PrincipalKind.STAFF) {
            // one indexed statement over session, user and agency on every staff request: stays SQL (no EntityManager per request)
            return Jdbc.queryOne(c, "SELECT u.id, u.name, u.roles, u.agency_id, a.slug FROM platform_session s "
                            + "JOIN platform_user u ON u.id = s.principal_id JOIN platform_agency a ON a.id = u.agency_id "
                            + "WHERE s.id = ? AND s.principal_kind = 'STAFF' AND s.principal_id = ? AND s.revoked_at IS NULL "
                            + "AND s.expires_at > ? AND u.active = ?",
                    rs -> new Principal(PrincipalKind.STAFF, rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5),
                            parseRoles(rs.getString(3)), sessionId), sessionId, subject, now, true);
        }
        return work.acrossAgencies(em -> {
            Optional<SessionRecord> session = em.createQuery("SELECT s FROM PlatformSession s WHERE s.id = :id AND s.principalKind = :kind"
                            + " AND s.principalId = :subject AND s.revokedAt IS NULL AND s.expiresAt > :now", SessionRecord.class)
                    .setParameter("id", sessionId).setParameter("kind", kind).setParameter("subject", subject).setParameter("now", now)
                    .getResultList().stream().findFirst();
            if (session.isEmpty()) {
                return Optional.empty();
            }
            String agencyId = session.get().agencyId();
            String name = claims == null ? session.get().principalName() : claims.path("nam").asText(session.get().principalName());
            String slug = claims == null ? null : claims.path("slg").asText(null);
            if (slug == null) {
                slug = em.createQuery("SELECT a.slug FROM Agency a WHERE a.id = :id", String.class).setParameter("id", agencyId)
                        .getResultList().stream().findFirst().orElse(null);
            }
            return Optional.of(new Principal(kind, subject, name, agencyId, slug, Set.of(), sessionId));
        });
    }

    @Override
    public void revoke(String sessionId) {
        Instant now = clock.instant();
        work.acrossAgencies(em -> revoke(em, sessionId, now));
    }

    /** Ends a session unless it has ended: a conditional statement, so that the first revocation's time stays. */
    private static int revoke(EntityManager em, String sessionId, Instant now) {
        return em.createQuery("UPDATE PlatformSession s SET s.revokedAt = :now WHERE s.id = :id AND s.revokedAt IS NULL")
                .setParameter("now", now).setParameter("id", sessionId).executeUpdate();
    }

    @Override
    public void revokeAll(PrincipalKind kind, String principalId, String exceptSessionId) {
        Instant now = clock.instant();
        work.acrossAgencies(em -> em.createQuery("UPDATE PlatformSession s SET s.revokedAt = :now WHERE s.principalKind = :kind"
                        + " AND s.principalId = :principal AND s.revokedAt IS NULL AND s.id <> :except")
                .setParameter("now", now).setParameter("kind", kind).setParameter("principal", principalId)
                .setParameter("except", exceptSessionId == null ? "" : exceptSessionId).executeUpdate());
    }

    private String accessToken(Principal p, String sessionId, Instant now) {
        ObjectNode claims = json.createObjectNode();
        claims.put("v", 1);
        claims.put("sid", sessionId);
        claims.put("sub", p.id());
        claims.put("knd", p.kind().name());
        claims.put("agy", p.agencyId());
        claims.put("slg", p.agencySlug());
        claims.put("nam", p.name());
        ArrayNode roles = claims.putArray("rol");
        p.roles().forEach(r -> roles.add(r.name()));
        claims.put("exp", now.plus(accessTtl).getEpochSecond());
        String body = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(hmac(body));
    }

    private JsonNode verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw ProblemException.unauthorized("The access token is not valid.");
        }
        String body = token.substring(0, dot);
        try {
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, hmac(body))) {
                throw ProblemException.unauthorized("The access token is not valid.");
            }
            return json.readTree(B64D.decode(body));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ProblemException.unauthorized("The access token is not valid.");
        }
    }

    private byte[] hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<Role> parseRoles(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (csv != null) {
            for (String r : csv.split(",")) {
                if (!r.isBlank()) {
                    roles.add(Role.valueOf(r.trim()));
                }
            }
        }
        return roles;
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
