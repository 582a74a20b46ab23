package io.clientele.platform.impl.internal.operator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Operator credentials verified a moment ago, so that a script calling the operator endpoints does not pay a PBKDF2
 * (310,000 iterations) on every request. An entry is keyed by HMAC-SHA256 of user and password under a random key
 * that lives only in this object (the password itself is never kept, and the key never leaves the process), and it
 * remembers the stored hash it was checked against: once the operator's password changes — on this node or on another
 * sharing the database — the stored hash differs and the entry no longer matches. Entries live {@code ttl}.
 */
final class OperatorCredentialCache {

    /** Only correct credentials are remembered, so a handful of entries is all there is; more means a change of password. */
    static final int MAX_ENTRIES = 16;

    private final byte[] key = new byte[32];
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(String storedHash, Instant expires) {
    }

    OperatorCredentialCache(Duration ttl, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether these credentials were verified against {@code storedHash} within the time to live. */
    boolean matches(String user, String password, String storedHash) {
        if (ttl.isZero() || ttl.isNegative()) {
            return false;
        }
        String id = fingerprint(user, password);
        Entry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        if (!clock.instant().isBefore(entry.expires())
                || !MessageDigest.isEqual(entry.storedHash().getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8))) {
            entries.remove(id, entry);
            return false;
        }
        return true;
    }

    /** Remembers credentials just verified against {@code storedHash}. */
    void remember(String user, String password, String storedHash) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(fingerprint(user, password), new Entry(storedHash, now.plus(ttl)));
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private String fingerprint(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return java.util.HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
