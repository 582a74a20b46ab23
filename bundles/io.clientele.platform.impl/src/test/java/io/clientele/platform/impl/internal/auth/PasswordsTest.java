package io.clientele.platform.impl.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final BreachedListPasswordPolicy policy = new BreachedListPasswordPolicy();

    @Test
    void hashesAreSaltedSlowAndVerifiable() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(100_000);
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$100000$"));
        assertTrue(hasher.verify("correct horse battery staple", a));
        assertFalse(hasher.verify("correct horse battery stapler", a));
        assertFalse(hasher.verify("anything", "garbage"));
        assertFalse(hasher.verify(null, a));
    }

    @Test
    void aLoginWithoutAnAccountIsCheckedAgainstTheDecoyAndRefused() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(100_000);
        String stored = hasher.hash("correct horse battery staple");
        assertTrue(hasher.verifyOrDecoy("correct horse battery staple", stored));
        assertFalse(hasher.verifyOrDecoy("correct horse battery stapler", stored));
        assertFalse(hasher.verifyOrDecoy("correct horse battery staple", null));
        assertFalse(hasher.verifyOrDecoy(null, null));
    }

    @Test
    void theShippedBreachListIsLargeEnough() {
        assertTrue(policy.size() >= 10_000, "entries: " + policy.size());
    }

    @Test
    void lengthIsTwelveToOneHundredTwentyEightWithoutCompositionRules() {
        assertTrue(policy.problem("zqxjkvbnmwp").isPresent(), "11 characters");
        assertTrue(policy.problem("zqxjkvbnmwpl").isEmpty(), "12 lower-case letters, no digits or symbols, are fine");
        assertTrue(policy.problem("z".repeat(128)).isEmpty());
        assertTrue(policy.problem("z".repeat(129)).isPresent());
        assertTrue(policy.problem("🙂".repeat(12)).isEmpty(), "counted in characters, not UTF-16 units");
        assertTrue(policy.problem("🙂".repeat(11)).isPresent());
        assertTrue(policy.problem(null).isPresent());
    }

    @Test
    void breachedPasswordsAreRefusedWhateverTheirCase() {
        assertTrue(policy.problem("1qaz2wsx3edc4rfv").isPresent());
        assertTrue(policy.problem("PasswordPassword").isPresent());
        ProblemException e = assertThrows(ProblemException.class, () -> policy.check("newPassword", "1QAZ2WSX3EDC4RFV"));
        assertEquals("newPassword", e.errors().get(0).field());
    }

    @Test
    void hashingBeyondTheConcurrencyLimitIsRefusedAtOnceNotQueued() throws Exception {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000_000, 1, 0); // one slot, no waiting
        String stored = new Pbkdf2PasswordHasher(100_000).hash("x");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    hasher.hash("correct horse battery staple"); // a moment of PBKDF2 each
                    return 0;
                } catch (ProblemException e) {
                    assertEquals(1L, e.retryAfterSeconds());
                    return e.status();
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        int refused = 0;
        for (java.util.concurrent.Future<Integer> f : outcomes) {
            int status = f.get();
            if (status != 0) {
                assertEquals(503, status);
                refused++;
            }
        }
        pool.shutdown();
        assertTrue(refused >= 1, "at least one of four parallel hashes refused with one slot");
        assertTrue(refused <= 3);
        // the slot is free again afterwards
        assertTrue(hasher.verify("x", stored));
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
    }
}
