package io.clientele.contact.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalTokensTest {

    @Test
    void tokensCarry256RandomBitsInUrlSafeText() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = PortalTokens.generate();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
            assertTrue(PortalTokens.wellFormed(token));
            assertTrue(seen.add(token), "a token repeated");
        }
    }

    @Test
    void onlyTheSha256OfATokenIsStored() {
        String token = PortalTokens.generate();
        String hash = PortalTokens.hash(token);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(hash, PortalTokens.hash(token));
        assertFalse(hash.contains(token));
        assertNotEquals(hash, PortalTokens.hash(PortalTokens.generate()));
        // the well-known digest of "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PortalTokens.hash("abc"));
    }

    @Test
    void malformedInputIsNotAToken() {
        assertFalse(PortalTokens.wellFormed(null));
        assertFalse(PortalTokens.wellFormed(""));
        assertFalse(PortalTokens.wellFormed("short"));
        assertFalse(PortalTokens.wellFormed(PortalTokens.generate() + "x"));
        assertFalse(PortalTokens.wellFormed("'; DROP TABLE contact; --aaaaaaaaaaaaaaaaaaaaaa"));
        ProblemException refused = PortalTokens.invalidToken();
        assertEquals(400, refused.status());
        assertEquals("token", refused.errors().get(0).field());
    }

    @Test
    void aTokenIsUsableOnlyUnusedAndBeforeItExpires() {
        Instant issued = Instant.parse("2026-01-01T10:00:00Z");
        Instant expires = PortalTokens.expiry(issued, Duration.ofDays(7));
        assertEquals(Instant.parse("2026-01-08T10:00:00Z"), expires);
        assertTrue(PortalTokens.usable(expires, null, issued));
        assertTrue(PortalTokens.usable(expires, null, expires.minusSeconds(1)));
        assertFalse(PortalTokens.usable(expires, null, expires), "expired at the instant it expires");
        assertFalse(PortalTokens.usable(expires, null, expires.plusSeconds(1)));
        assertFalse(PortalTokens.usable(expires, issued.plusSeconds(60), issued.plusSeconds(120)), "used once");
        assertFalse(PortalTokens.usable(null, null, issued));
    }
}
