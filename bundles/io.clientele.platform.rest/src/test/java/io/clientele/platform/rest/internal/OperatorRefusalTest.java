package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.rest.ProblemException;
import javax.security.auth.login.AccountLockedException;
import org.junit.jupiter.api.Test;

class OperatorRefusalTest {

    @Test
    void theOperatorRealmsRefusalBecomes429Or503WithItsRetryAfter() {
        ProblemException locked = AuthenticationFilter.refused(new AccountLockedException("refused status=429 code=rate_limited retry-after=12"));
        assertEquals(429, locked.status());
        assertEquals("rate_limited", locked.code());
        assertEquals(12L, locked.retryAfterSeconds());

        ProblemException busy = AuthenticationFilter.refused(new AccountLockedException("refused status=503 code=service_unavailable retry-after=1"));
        assertEquals(503, busy.status());
        assertEquals("service_unavailable", busy.code());
        assertEquals(1L, busy.retryAfterSeconds());

        ProblemException unknown = AuthenticationFilter.refused(new AccountLockedException("locked by someone else's module"));
        assertEquals(429, unknown.status());
        assertEquals(60L, unknown.retryAfterSeconds());
    }
}
