package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(bytes(1));
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(bytes(2));

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static SecretCipher cipher(String keys, String active) {
        return new SecretCipher(SecretCipher.parseKeys(keys), active);
    }

    @Test
    void aValueRoundTripsAndIsStoredAsV1KeyIdAndBase64UrlWithAFreshIvEachTime() {
        SecretCipher cipher = cipher(K1, "k1");
        String stored = cipher.encrypt("integration-1", "token", "s3cr3t-tökén");
        assertTrue(stored.matches("v1:k1:[A-Za-z0-9_-]+"), stored);
        assertFalse(stored.contains("s3cr3t"));
        assertEquals("s3cr3t-tökén", cipher.decrypt("integration-1", "token", stored));
        assertNotEquals(stored, cipher.encrypt("integration-1", "token", "s3cr3t-tökén"), "a random IV per value");
        // 12 bytes of IV, the text, 16 bytes of tag
        assertEquals(12 + "s3cr3t-tökén".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 16,
                Base64.getUrlDecoder().decode(stored.substring("v1:k1:".length())).length);
    }

    @Test
    void valuesOfAnOlderKeyStayReadableWhileANewOneEncrypts() {
        String old = cipher(K1, "k1").encrypt("i", "token", "before rotation");
        SecretCipher rotated = cipher(K1 + "," + K2, "k2");
        assertEquals("before rotation", rotated.decrypt("i", "token", old));
        String fresh = rotated.encrypt("i", "token", "before rotation");
        assertTrue(fresh.startsWith("v1:k2:"), fresh);
        assertEquals("k2", SecretCipher.keyIdOf(fresh));
        SecretCipher.UnreadableSecret gone = assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher(K2, "k2").decrypt("i", "token", old));
        assertTrue(gone.getMessage().contains("'k1'") && gone.getMessage().contains("not configured"), gone.getMessage());
    }

    @Test
    void aTamperedValueIsRefused() {
        SecretCipher cipher = cipher(K1, "k1");
        String stored = cipher.encrypt("i", "token", "value");
        byte[] raw = Base64.getUrlDecoder().decode(stored.substring(6));
        raw[raw.length - 20] ^= 1;
        String tampered = "v1:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("i", "token", tampered));
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("i", "token", "v1:k1:AAAA"));
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("i", "token", "v1:k1:not*base64"));
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("i", "token", "plain text"));
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("i", "token", null));
    }

    @Test
    void aValueMovedToAnotherIntegrationOrSettingIsRefused() {
        SecretCipher cipher = cipher(K1, "k1");
        String stored = cipher.encrypt("integration-1", "token", "value");
        SecretCipher.UnreadableSecret moved = assertThrows(SecretCipher.UnreadableSecret.class,
                () -> cipher.decrypt("integration-2", "token", stored));
        assertTrue(moved.getMessage().contains("does not authenticate"), moved.getMessage());
        assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.decrypt("integration-1", "password", stored));
        assertFalse(moved.getMessage().contains("value"));
    }

    @Test
    void badKeySettingsAreNamedWithoutTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class, () -> SecretCipher.parseKeys("a:" + shortKey));
        assertTrue(wrongSize.getMessage().contains("16 bytes"), wrongSize.getMessage());
        assertFalse(wrongSize.getMessage().contains(shortKey));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.parseKeys("no-colon"));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.parseKeys("a:%%%"));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.parseKeys("bad id:" + K1.substring(3)));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.parseKeys(K1 + "," + K1));
        assertThrows(IllegalArgumentException.class, () -> cipher(K1, "k9"));
        Map<String, byte[]> keys = SecretCipher.parseKeys(" " + K1 + " , " + K2 + " ");
        assertEquals(new LinkedHashMap<>(keys).keySet().stream().toList(), java.util.List.of("k1", "k2"));
        assertEquals(Map.of(), SecretCipher.parseKeys(""));
    }

    @Test
    void aNewKeyEntryIsAUsableKey() {
        SecretCipher cipher = cipher(SecretCipher.newKeyEntry("gen"), "gen");
        assertEquals("x", cipher.decrypt("i", "n", cipher.encrypt("i", "n", "x")));
    }
}
