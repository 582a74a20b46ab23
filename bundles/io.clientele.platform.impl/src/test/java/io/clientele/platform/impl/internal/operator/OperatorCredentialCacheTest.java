package io.clientele.platform.impl.internal.operator;

import io.clientele.platform.impl.internal.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OperatorCredentialCacheTest {


    private final MovableClock clock = new MovableClock();
    private final OperatorCredentialCache cache = new OperatorCredentialCache(Duration.ofSeconds(60), clock);

    @Test
    void verifiedCredentialsMatchForTheirTimeToLiveOnly() {
        assertFalse(cache.matches("admin", "s3cret operator pass", "hash-1"));
        cache.remember("admin", "s3cret operator pass", "hash-1");
        assertTrue(cache.matches("admin", "s3cret operator pass", "hash-1"));
        assertFalse(cache.matches("admin", "s3cret operator pasS", "hash-1"));
        assertFalse(cache.matches("admin2", "s3cret operator pass", "hash-1"));
        assertFalse(cache.matches("admi", "ns3cret operator pass", "hash-1")); // user and password are kept apart
        clock.now = clock.now.plusSeconds(59);
        assertTrue(cache.matches("admin", "s3cret operator pass", "hash-1"));
        clock.now = clock.now.plusSeconds(1);
        assertFalse(cache.matches("admin", "s3cret operator pass", "hash-1"));
        assertEquals(0, cache.size());
    }

    @Test
    void aChangedPasswordHashInvalidatesTheEntry() {
        cache.remember("admin", "old operator password", "hash-1");
        // another node stored a new password: the stored hash read with the request differs
        assertFalse(cache.matches("admin", "old operator password", "hash-2"));
        assertFalse(cache.matches("admin", "old operator password", "hash-1")); // and the entry is gone
        cache.remember("admin", "new operator password", "hash-2");
        cache.clear(); // this node stored a new password
        assertFalse(cache.matches("admin", "new operator password", "hash-2"));
    }

    @Test
    void theEntriesAreKeyedByAKeyedHashNotTheClearPassword() throws Exception {
        cache.remember("admin", "the operator password", "hash-1");
        java.lang.reflect.Field f = OperatorCredentialCache.class.getDeclaredField("entries");
        f.setAccessible(true);
        java.util.Map<?, ?> entries = (java.util.Map<?, ?>) f.get(cache);
        String id = (String) entries.keySet().iterator().next();
        assertFalse(id.contains("operator"));
        assertTrue(id.matches("[0-9a-f]{64}"));
        // a second cache (another process) has another key: the same credentials give another id
        OperatorCredentialCache other = new OperatorCredentialCache(Duration.ofSeconds(60), clock);
        other.remember("admin", "the operator password", "hash-1");
        assertFalse(((java.util.Map<?, ?>) f.get(other)).containsKey(id));
    }

    @Test
    void aZeroTimeToLiveRemembersNothingAndTheSizeStaysSmall() {
        OperatorCredentialCache off = new OperatorCredentialCache(Duration.ZERO, clock);
        off.remember("admin", "p", "h");
        assertFalse(off.matches("admin", "p", "h"));
        for (int i = 0; i < 100; i++) {
            cache.remember("admin", "password " + i, "h");
        }
        assertTrue(cache.size() <= OperatorCredentialCache.MAX_ENTRIES);
    }
}
