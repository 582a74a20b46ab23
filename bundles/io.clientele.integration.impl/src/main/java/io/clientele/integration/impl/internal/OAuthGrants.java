package io.clientele.integration.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth tables, in SQL (like the portal's single-use links): pending authorizations ({@code integration_oauth_state},
 * found by their state's hash across agencies, used once by a conditional update) and each integration's tokens
 * ({@code integration_oauth_grant}, tenant-scoped by an explicit {@code agency_id} in every statement; each change after a
 * read is a compare-and-set on {@code version}). Values are stored as given: the caller encrypts.
 */
final class OAuthGrants {

    /** A pending authorization as stored. */
    record State(String stateHash, String agencyId, String integrationId, String userId, String redirectUri, String codeVerifier,
                 Instant expiresAt, Instant usedAt) {
    }

    /** An integration's tokens as stored (encrypted). */
    record Grant(String integrationId, String agencyId, String accessToken, String refreshToken, String tokenType, String scope,
                 Instant issuedAt, Instant expiresAt, Instant refreshingUntil, String authorizedBy, Instant authorizedAt, long version) {
        @Override
        public String toString() {
            return "Grant[" + integrationId + " v" + version + "]";
        }
    }

    private final Database database;

    OAuthGrants(Database database) {
        this.database = database;
    }

    // ---- states

    void saveState(State s, Instant now) {
        database.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM integration_oauth_state WHERE expires_at < ?", now); // the expired ones of every agency
            Jdbc.update(c, "INSERT INTO integration_oauth_state (state_hash, agency_id, integration_id, user_id, redirect_uri, code_verifier,"
                            + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.stateHash(), s.agencyId(), s.integrationId(),
                    s.userId(), s.redirectUri(), s.codeVerifier(), now, s.expiresAt());
            return null;
        });
    }

    Optional<State> findState(String stateHash) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT state_hash, agency_id, integration_id, user_id, redirect_uri,"
                + " code_verifier, expires_at, used_at FROM integration_oauth_state WHERE state_hash = ?", rs -> new State(
                rs.getString("state_hash"), rs.getString("agency_id"), rs.getString("integration_id"), rs.getString("user_id"),
                rs.getString("redirect_uri"), rs.getString("code_verifier"), Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "used_at")), stateHash));
    }

    /** Uses the state once: true for the one caller that found it unused and unexpired. */
    boolean useState(String stateHash, Instant now) {
        return database.inTransaction(c -> Jdbc.update(c, "UPDATE integration_oauth_state SET used_at = ? WHERE state_hash = ?"
                + " AND used_at IS NULL AND expires_at > ?", now, stateHash, now)) == 1;
    }

    // ---- grants

    Optional<Grant> find(String agencyId, String integrationId) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT integration_id, agency_id, access_token, refresh_token, token_type,"
                + " scope, issued_at, expires_at, refreshing_until, authorized_by, authorized_at, version FROM integration_oauth_grant"
                + " WHERE agency_id = ? AND integration_id = ?", rs -> new Grant(rs.getString("integration_id"), rs.getString("agency_id"),
                rs.getString("access_token"), rs.getString("refresh_token"), rs.getString("token_type"), rs.getString("scope"),
                Jdbc.instant(rs, "issued_at"), Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "refreshing_until"),
                rs.getString("authorized_by"), Jdbc.instant(rs, "authorized_at"), rs.getLong("version")), agencyId, integrationId));
    }

    /** Stores the tokens of a new authorization, replacing any the integration had (and any refresh under way). */
    void authorize(String agencyId, String integrationId, String access, String refresh, String type, String scope, Instant issuedAt,
                   Instant expiresAt, String userId) {
        database.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE integration_oauth_grant SET access_token = ?, refresh_token = ?, token_type = ?, scope = ?,"
                            + " issued_at = ?, expires_at = ?, refreshing_until = NULL, authorized_by = ?, authorized_at = ?, version = version + 1"
                            + " WHERE agency_id = ? AND integration_id = ?", access, refresh, type, scope, issuedAt, expiresAt, userId, issuedAt,
                    agencyId, integrationId);
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO integration_oauth_grant (integration_id, agency_id, access_token, refresh_token, token_type, scope,"
                                + " issued_at, expires_at, authorized_by, authorized_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                        integrationId, agencyId, access, refresh, type, scope, issuedAt, expiresAt, userId, issuedAt);
            }
            return null;
        });
    }

    /**
     * Claims the grant's refresh until {@code until}: holds only while the grant is still at {@code version} and no other
     * claim is live. Answers the claimed version, or -1.
     */
    long claimRefresh(Grant seen, Instant now, Instant until) {
        int n = database.inNewTransaction(c -> Jdbc.update(c, "UPDATE integration_oauth_grant SET refreshing_until = ?, version = version + 1"
                        + " WHERE agency_id = ? AND integration_id = ? AND version = ? AND (refreshing_until IS NULL OR refreshing_until < ?)",
                until, seen.agencyId(), seen.integrationId(), seen.version(), now));
        return n == 1 ? seen.version() + 1 : -1;
    }

    /** The refreshed tokens, if the claim at {@code version} still holds; a null {@code refresh} keeps the stored one. */
    boolean refreshed(Grant seen, long version, String access, String refresh, String type, String scope, Instant issuedAt, Instant expiresAt) {
        return database.inNewTransaction(c -> Jdbc.update(c, "UPDATE integration_oauth_grant SET access_token = ?,"
                        + " refresh_token = COALESCE(?, refresh_token), token_type = ?, scope = COALESCE(?, scope), issued_at = ?, expires_at = ?,"
                        + " refreshing_until = NULL, version = version + 1 WHERE agency_id = ? AND integration_id = ? AND version = ?",
                access, refresh, type, scope, issuedAt, expiresAt, seen.agencyId(), seen.integrationId(), version)) == 1;
    }

    /**
     * Ends a claim that did not refresh (the access token stays), if it still holds; with {@code spent}, the refresh token is
     * dropped too (the service refused it: later calls fail at once instead of asking again).
     */
    void release(Grant seen, long version, boolean spent) {
        database.inNewTransaction(c -> Jdbc.update(c, "UPDATE integration_oauth_grant SET refreshing_until = NULL, version = version + 1"
                + (spent ? ", refresh_token = NULL" : "") + " WHERE agency_id = ? AND integration_id = ? AND version = ?",
                seen.agencyId(), seen.integrationId(), version));
    }

    /** Forgets the integration's tokens and pending authorizations (in the caller's transaction). */
    void forget(String agencyId, String integrationId) {
        database.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM integration_oauth_grant WHERE agency_id = ? AND integration_id = ?", agencyId, integrationId);
            Jdbc.update(c, "DELETE FROM integration_oauth_state WHERE agency_id = ? AND integration_id = ?", agencyId, integrationId);
            return null;
        });
    }
}
