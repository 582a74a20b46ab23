package io.clientele.payment.stripe.internal;

import io.clientele.payment.api.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: the header {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]}, where
 * each {@code v1} may be an HMAC-SHA256, keyed with the endpoint's signing secret, of {@code t + "." + body} (several
 * while a secret is being rolled). Valid when one {@code v1} matches (compared in constant time) and {@code t} lies
 * within the tolerance of now, either side.
 */
final class StripeSignature {

    private StripeSignature() {
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    static String compute(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Checks the header against the body; answers the signed timestamp.
     *
     * @throws WebhookRejected naming what does not hold (never the secret or the expected signature)
     */
    static Instant verify(String header, byte[] body, String secret, Duration tolerance, Instant now) throws WebhookRejected {
        if (header == null || header.isBlank()) {
            throw new WebhookRejected("no Stripe-Signature header");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if ("t".equals(key)) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new WebhookRejected("the Stripe-Signature timestamp is not a number");
                }
            } else if ("v1".equals(key)) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            throw new WebhookRejected("the Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            throw new WebhookRejected("the Stripe-Signature header has no v1 signature");
        }
        byte[] expected = compute(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String signature : signatures) {
            // every candidate is compared, in constant time, so the time taken says nothing about which came close
            matches |= MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            throw new WebhookRejected("no v1 signature matches the body (wrong signing secret, or the body was altered)");
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new WebhookRejected("the signed timestamp " + signedAt + " is outside the tolerance of " + tolerance.toSeconds() + " s");
        }
        return signedAt;
    }
}
