package io.clientele.platform.impl.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.impl.internal.auth.ThrottleRules.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleRulesTest {

    private final ThrottleRules rules = ThrottleRules.of(TestAuthConfig.defaults()); // 5 / 20 / 50, first lock 60 s, cap 900 s

    @Test
    void eachLockAfterTheFirstDoublesTheWaitUpToTheCap() {
        assertEquals(Duration.ofSeconds(60), rules.lockLength(0));
        assertEquals(Duration.ofSeconds(120), rules.lockLength(1));
        assertEquals(Duration.ofSeconds(240), rules.lockLength(2));
        assertEquals(Duration.ofSeconds(480), rules.lockLength(3));
        assertEquals(Duration.ofSeconds(900), rules.lockLength(4));
        assertEquals(Duration.ofSeconds(900), rules.lockLength(40));
        assertEquals(Duration.ofSeconds(900), rules.lockLength(Integer.MAX_VALUE));
    }

    @Test
    void theLimitAppliesUntilTheFirstLockThenEveryFailureLocks() {
        assertEquals(5, rules.allowedAttempts(Scope.ACCOUNT_AND_ADDRESS, 0));
        assertEquals(20, rules.allowedAttempts(Scope.ACCOUNT, 0));
        assertEquals(50, rules.allowedAttempts(Scope.ADDRESS, 0));
        assertEquals(1, rules.allowedAttempts(Scope.ACCOUNT_AND_ADDRESS, 1));
        assertFalse(rules.locks(Scope.ACCOUNT_AND_ADDRESS, 4, 0));
        assertTrue(rules.locks(Scope.ACCOUNT_AND_ADDRESS, 5, 0));
        assertFalse(rules.locks(Scope.ACCOUNT, 5, 0));
        assertTrue(rules.locks(Scope.ACCOUNT, 1, 2));
    }

    @Test
    void nonsenseSettingsStayUsable() {
        ThrottleRules odd = ThrottleRules.of(new TestAuthConfig("", 900, 0, 0, -1, 0, "", 0, 0));
        assertEquals(1, odd.limit(Scope.ACCOUNT_AND_ADDRESS));
        assertEquals(1, odd.limit(Scope.ACCOUNT));
        assertEquals(1, odd.limit(Scope.ADDRESS));
        assertTrue(odd.lockLength(0).toSeconds() >= 1);
        assertTrue(odd.lockLength(3).compareTo(odd.maxLock()) <= 0);
    }
}
