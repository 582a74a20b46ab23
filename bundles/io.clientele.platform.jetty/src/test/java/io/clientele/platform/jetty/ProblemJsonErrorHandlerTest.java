package io.clientele.platform.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class ProblemJsonErrorHandlerTest {

    @Test
    void refusedRequestsGetProblemJson() {
        HttpFields fields = new HttpFields();
        String body = StandardCharsets.UTF_8.decode(new ProblemJsonErrorHandler().badMessageError(431, "too large", fields)).toString();
        assertEquals("application/problem+json", fields.get("Content-Type"));
        assertTrue(body.startsWith("{\"type\":\"https://clientele.io/problems/payload-too-large\""), body);
        assertTrue(body.contains("\"status\":431"), body);
        assertTrue(body.contains("\"code\":\"payload_too_large\""), body);
        assertTrue(new ProblemJsonErrorHandler().badMessageError(400, "bad", new HttpFields()).remaining() > 0);
        assertTrue(ProblemJsonErrorHandler.problem(400, "c").contains("\"code\":\"malformed_request\""));
    }
}
