package io.clientele.platform.api.auth;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Login sessions of staff users and portal contacts: short-lived signed access tokens and revocable,
 * rotating refresh tokens. Every access token is checked against its session, so logout and revocation
 * take effect at once on every node.
 */
@ProviderType
public interface SessionService {

    record Tokens(String accessToken, String refreshToken, long expiresIn, String sessionId) {
    }

    /** Opens a session for an authenticated staff user or contact. */
    Tokens open(Principal principal);

    /** New tokens for a refresh token; the old refresh token stops working. 401 when unknown, revoked or expired. */
    Tokens refresh(String refreshToken, PrincipalKind expectedKind);

    /** The principal of a valid access token; 401 {@code unauthorized} otherwise. */
    Principal authenticate(String accessToken);

    void revoke(String sessionId);

    /** Revokes every session of a principal except {@code exceptSessionId} (may be null). */
    void revokeAll(PrincipalKind kind, String principalId, String exceptSessionId);
}
