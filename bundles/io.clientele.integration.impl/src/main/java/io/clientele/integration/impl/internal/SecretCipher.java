package io.clientele.integration.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret settings at rest: AES-256-GCM with a random 12-byte IV per value and the integration's id and the setting's
 * name as associated data, so a stored value cannot be moved to another integration or setting. A value is stored as
 * {@code v1:<keyId>:<base64url(iv || ciphertext + tag)>}: decryption picks the key by the stored id, so values written
 * under an older key stay readable while a new one is active (a write encrypts with the active key). Messages never
 * carry a key or a value.
 */
final class SecretCipher {

    static final String FORMAT = "v1";
    /** A key id: letters, digits, '-', '_' (no ':'), at most 32. */
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored value that cannot be decrypted; the message says why without revealing anything of it. */
    static final class UnreadableSecret extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableSecret(String message) {
            super(message);
        }
    }

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    /**
     * @param keys        every key that may have encrypted a stored value, by id (32 bytes each)
     * @param activeKeyId the key new values are encrypted with; one of {@code keys}
     * @throws IllegalArgumentException naming what is wrong (never a key)
     */
    SecretCipher(Map<String, byte[]> keys, String activeKeyId) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no secret key is configured");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("the secret key id '" + id + "' is not 1 to 32 letters, digits, '-' or '_'");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("the secret key '" + id + "' is not 32 bytes (AES-256) but " + bytes.length);
            }
            specs.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (activeKeyId == null || !specs.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active secret key '" + activeKeyId + "' is not among the keys " + specs.keySet());
        }
        this.keys = Map.copyOf(specs);
        this.activeKeyId = activeKeyId;
    }

    /**
     * The keys of a {@code secretKeys} setting, {@code <id>:<base64 of 32 bytes>} separated by commas (spaces ignored).
     *
     * @throws IllegalArgumentException naming the entry at fault by its id or position, never its key
     */
    static Map<String, byte[]> parseKeys(String spec) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return keys;
        }
        int position = 0;
        for (String entry : spec.split(",")) {
            position++;
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("secret key " + position + " is not <id>:<base64 of 32 bytes>");
            }
            String id = e.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("secret key " + position + ": its id is not 1 to 32 letters, digits, '-' or '_'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(e.substring(colon + 1).trim());
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("secret key '" + id + "' is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("secret key '" + id + "' is " + key.length + " bytes, not 32 (AES-256)");
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("secret key '" + id + "' is given twice");
            }
        }
        return keys;
    }

    /** A new random key, as {@code <id>:<base64>} for a key file or the configuration. */
    static String newKeyEntry(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    String activeKeyId() {
        return activeKeyId;
    }

    /** {@code clear} encrypted with the active key, bound to this integration and setting. */
    String encrypt(String integrationId, String setting, String clear) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(integrationId, setting));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return FORMAT + ":" + activeKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * The clear text of a stored value of this integration and setting.
     *
     * @throws UnreadableSecret when it is not a value of this format, names a key that is not configured, or does not
     *                          authenticate (tampered with, or written for another integration or setting)
     */
    String decrypt(String integrationId, String setting, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new UnreadableSecret("The secret setting '" + setting + "' is not stored in a format this platform reads.");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new UnreadableSecret("The secret setting '" + setting + "' was encrypted with the key '" + parts[1]
                    + "', which is not configured (secretKeys of io.clientele.integration).");
        }
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecret("The secret setting '" + setting + "' is damaged.");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecret("The secret setting '" + setting + "' is damaged.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(associatedData(integrationId, setting));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecret("The secret setting '" + setting
                    + "' does not authenticate: it was changed, or does not belong to this integration and setting.");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecret("The secret setting '" + setting + "' cannot be decrypted.");
        }
    }

    /** The key id a stored value names, or null when it is not of this format. */
    static String keyIdOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        return parts.length == 3 && FORMAT.equals(parts[0]) ? parts[1] : null;
    }

    /** The integration's id and the setting's name, NUL-separated (neither can hold a NUL). */
    private static byte[] associatedData(String integrationId, String setting) {
        return (integrationId + "\u0000" + setting).getBytes(StandardCharsets.UTF_8);
    }
}
