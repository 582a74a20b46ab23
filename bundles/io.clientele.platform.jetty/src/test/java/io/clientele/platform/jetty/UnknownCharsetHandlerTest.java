package io.clientele.platform.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnknownCharsetHandlerTest {

    @Test
    void findsTheCharsetParameterHoweverItIsWritten() {
        assertEquals("foo", UnknownCharsetHandler.charsetOf("application/json; charset=foo"));
        assertEquals("UTF-8", UnknownCharsetHandler.charsetOf("application/json;CharSet=\"UTF-8\""));
        assertEquals("latin1", UnknownCharsetHandler.charsetOf("text/csv; header=present ; charset = latin1"));
        assertNull(UnknownCharsetHandler.charsetOf("application/json"));
        assertNull(UnknownCharsetHandler.charsetOf(null));
    }

    @Test
    void knowsOnlyCharsetsTheJvmReads() {
        assertTrue(UnknownCharsetHandler.known("utf-8"));
        assertTrue(UnknownCharsetHandler.known("ISO-8859-1"));
        assertFalse(UnknownCharsetHandler.known("foo"));
        assertFalse(UnknownCharsetHandler.known("in valid"));
        assertFalse(UnknownCharsetHandler.known(""));
    }

    @Test
    void theRefusalIsProblemJsonWithTheHeaderNamed() {
        String body = ProblemJsonErrorHandler.problem(415, "bad \"" + ProblemJsonErrorHandler.jsonText("x\"y\\z\n") + "\"",
                "{\"field\":\"Content-Type\",\"message\":\"m\"}", "c-1");
        assertTrue(body.contains("\"code\":\"unsupported_media_type\""), body);
        assertTrue(body.contains("\"errors\":[{\"field\":\"Content-Type\""), body);
        assertTrue(body.contains("x\\\"y\\\\z\\u000a"), body);
    }
}
