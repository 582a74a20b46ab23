package io.clientele.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures (https://www.standardwebhooks.com, signature identifier {@code v1}): an
 * HMAC-SHA256 over {@code "{webhook-id}.{webhook-timestamp}.{body}"}, keyed with the bytes of the secret
 * ({@code whsec_} followed by the base64 of 24 to 64 random bytes), sent base64-encoded as {@code v1,<signature>}. The
 * {@code webhook-signature} header carries one such signature per active secret, separated by spaces, so that a
 * receiver keeps verifying while a secret is rotated.
 */
final class WebhookSigner {

    static final String SECRET_PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    /** How far a receiver lets {@code webhook-timestamp} be from its own clock, either way. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1,";

    private final List<byte[]> keys;

    /** @param secrets the active secrets, each {@code whsec_…}; the current one first */
    WebhookSigner(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no signing secret");
        }
        this.keys = secrets.stream().map(WebhookSigner::key).toList();
    }

    /** The value of {@code webhook-signature}: one {@code v1,…} signature per secret, space-separated. */
    String sign(String id, long timestamp, String body) {
        List<String> signatures = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            signatures.add(VERSION + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body)));
        }
        return String.join(" ", signatures);
    }

    /**
     * Whether a receiver holding {@code secret} accepts the message: {@code timestamp} (epoch seconds) within
     * {@link #TOLERANCE} of {@code now}, and one of the {@code v1} signatures in {@code signatureHeader} matching,
     * compared in constant time.
     */
    static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(key(secret), id, seconds, body);
        boolean matched = false;
        for (String signature : signatureHeader.trim().split(" +")) {
            if (signature.startsWith(VERSION)) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(signature.substring(VERSION.length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    /**
     * The key bytes of a {@code whsec_} secret.
     *
     * @throws IllegalArgumentException with a message for the agency when it is not one, or its length is outside
     *                                  24–64 bytes
     */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("Must start with " + SECRET_PREFIX + ".");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("After " + SECRET_PREFIX + " must come base64 (A–Z, a–z, 0–9, +, /).");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Must encode " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " random bytes, not " + key.length + ".");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
