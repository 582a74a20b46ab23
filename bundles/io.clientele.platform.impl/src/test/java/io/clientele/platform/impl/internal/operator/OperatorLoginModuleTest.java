package io.clientele.platform.impl.internal.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.rest.ProblemException;
import org.junit.jupiter.api.Test;

class OperatorLoginModuleTest {

    @Test
    void theSshClientsHostIsTakenWithoutItsPort() {
        assertEquals("127.0.0.1", OperatorLoginModule.hostOf("/127.0.0.1:50122"));
        assertEquals("198.51.100.4", OperatorLoginModule.hostOf("client.example/198.51.100.4:22"));
        assertEquals("0:0:0:0:0:0:0:1", OperatorLoginModule.hostOf("/[0:0:0:0:0:0:0:1]:50122"));
        assertEquals("0:0:0:0:0:0:0:1", OperatorLoginModule.hostOf("/0:0:0:0:0:0:0:1"));
        assertEquals("", OperatorLoginModule.hostOf(null));
    }

    @Test
    void aRefusalCarriesItsStatusAndRetryAfterToTheRestFilter() {
        assertEquals("refused status=429 code=rate_limited retry-after=12",
                OperatorLoginModule.refusal(ProblemException.rateLimited("locked", 12)));
        assertEquals("refused status=503 code=service_unavailable retry-after=1",
                OperatorLoginModule.refusal(new ProblemException(503, "service_unavailable", "busy", null, 1L)));
    }
}
