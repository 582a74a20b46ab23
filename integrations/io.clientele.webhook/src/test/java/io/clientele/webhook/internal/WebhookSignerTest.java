package io.clientele.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // The published test vector of the Standard Webhooks libraries (go/webhook_test.go TestWebhookSign,
    // python/tests/test_webhooks.py test_sign_function)
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330;
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    /** An invalid signature the libraries' tests use. */
    static final String OTHER_SIGNATURE = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

    static final Instant SPEC_TIME = Instant.ofEpochSecond(SPEC_TIMESTAMP);

    @Test
    void signsTheSpecVector() {
        assertEquals(SPEC_SIGNATURE, new WebhookSigner(List.of(SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void verifiesTheSpecVector() {
        assertTrue(verify(SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME));
        assertTrue(verify(SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME.plus(WebhookSigner.TOLERANCE)));
        assertTrue(verify(SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME.minus(WebhookSigner.TOLERANCE)));
    }

    @Test
    void refusesATimestampOutsideTheTolerance() {
        assertFalse(verify(SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME.plus(WebhookSigner.TOLERANCE).plusSeconds(1)));
        assertFalse(verify(SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME.minus(WebhookSigner.TOLERANCE).minusSeconds(1)));
        assertFalse(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, "not a number", SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME));
    }

    @Test
    void refusesChangedContentAndBadSignatures() {
        assertFalse(verify(SPEC_SIGNATURE, "{\"test\":2432232314}", SPEC_TIME));
        assertFalse(WebhookSigner.verify(SPEC_SECRET, "msg_other", Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE,
                SPEC_BODY, SPEC_TIME));
        assertFalse(verify(OTHER_SIGNATURE, SPEC_BODY, SPEC_TIME));
        assertFalse(verify("v1,", SPEC_BODY, SPEC_TIME));
        assertFalse(verify("v1,not base64!", SPEC_BODY, SPEC_TIME));
        assertFalse(verify("v2," + SPEC_SIGNATURE.substring(3), SPEC_BODY, SPEC_TIME));
        assertFalse(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME));
    }

    @Test
    void acceptsOneGoodSignatureAmongSeveral() {
        String header = String.join(" ", OTHER_SIGNATURE, "v2," + OTHER_SIGNATURE.substring(3), SPEC_SIGNATURE,
                OTHER_SIGNATURE);
        assertTrue(verify(header, SPEC_BODY, SPEC_TIME));
    }

    @Test
    void signsWithEverySecretInOrder() {
        String next = secretOf(32, (byte) 7);
        String header = new WebhookSigner(List.of(next, SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        String[] signatures = header.split(" ");
        assertEquals(2, signatures.length);
        assertEquals(SPEC_SIGNATURE, signatures[1]);
        assertTrue(WebhookSigner.verify(next, SPEC_ID, Long.toString(SPEC_TIMESTAMP), signatures[0], SPEC_BODY, SPEC_TIME));
        assertFalse(WebhookSigner.verify(next, SPEC_ID, Long.toString(SPEC_TIMESTAMP), signatures[1], SPEC_BODY, SPEC_TIME));
        assertTrue(WebhookSigner.verify(next, SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, SPEC_BODY, SPEC_TIME));
        assertTrue(verify(header, SPEC_BODY, SPEC_TIME));
    }

    @Test
    void secretsAreWhsecAndBase64Of24To64Bytes() {
        assertEquals(24, WebhookSigner.key(SPEC_SECRET).length);
        assertEquals(64, WebhookSigner.key(secretOf(64, (byte) 1)).length);
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.key(SPEC_SECRET.substring(6)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.key("whsec_not*base64*at*all*but*long*enough"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.key(secretOf(23, (byte) 1)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.key(secretOf(65, (byte) 1)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.key(null));
    }

    static String secretOf(int bytes, byte fill) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (fill + i);
        }
        return WebhookSigner.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static boolean verify(String header, String body, Instant now) {
        return WebhookSigner.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, body, now);
    }
}
