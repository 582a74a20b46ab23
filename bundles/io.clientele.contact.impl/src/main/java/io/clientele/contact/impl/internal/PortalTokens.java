package io.clientele.contact.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Activation and password-reset tokens of portal contacts: 256 random bits from {@link SecureRandom}, sent
 * once in an e-mailed link and stored only as their SHA-256, valid until they expire or are used once.
 */
final class PortalTokens {

    /** What a token may be used for. */
    enum Purpose {
        ACTIVATE, RESET
    }

    static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private PortalTokens() {
    }

    /** A new random token, URL-safe base64 without padding (43 characters). */
    static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text can be a token at all (checked before hashing input from the public endpoints). */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The stored form: lower-case hex SHA-256 of the token. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant expiry(Instant issuedAt, Duration ttl) {
        return issuedAt.plus(ttl);
    }

    /** The answer to a token that is malformed, unknown, expired or already used (all read alike). */
    static ProblemException invalidToken() {
        return ProblemException.invalid("token", "invalid_token", ContactTexts.MESSAGES.text("token.invalid"));
    }

    /** A stored token can be used while it is unused and not yet expired. */
    static boolean usable(Instant expiresAt, Instant usedAt, Instant now) {
        return usedAt == null && expiresAt != null && now.isBefore(expiresAt);
    }
}
