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
}
