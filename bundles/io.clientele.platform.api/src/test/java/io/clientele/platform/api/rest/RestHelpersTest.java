package io.clientele.platform.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestHelpersTest {

    @Test
    void cursorsRoundTripAndRejectForgeries() {
        String c = Cursor.encode("ana@acme.test", "id-1");
        assertEquals(List.of("ana@acme.test", "id-1"), Cursor.decode(c, 2));
        ProblemException wrongArity = assertThrows(ProblemException.class, () -> Cursor.decode(c, 3));
        assertEquals("cursor", wrongArity.errors().get(0).field());
        assertEquals(400, assertThrows(ProblemException.class, () -> Cursor.decode("%%%not-base64", 2)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> Cursor.decode(Cursor.encode("a"), 2)).status());
    }

    @Test
    void pageLimitsAreValidated() {
        assertEquals(50, PageRequest.of(null, null).limit());
        assertEquals(500, PageRequest.of("500", null).limit());
        assertEquals("limit", assertThrows(ProblemException.class, () -> PageRequest.of("501", null)).errors().get(0).field());
        assertEquals("limit", assertThrows(ProblemException.class, () -> PageRequest.of("0", null)).errors().get(0).field());
        assertEquals("limit", assertThrows(ProblemException.class, () -> PageRequest.of("ten", null)).errors().get(0).field());
        assertNull(PageRequest.of("5", " ").cursor());
    }

    @Test
    void ifMatchNamesTheExpectedVersion() {
        assertNull(ETags.expectedVersion(null));
        assertNull(ETags.expectedVersion("*"));
        assertEquals(3L, ETags.expectedVersion("\"3\""));
        assertEquals(3L, ETags.expectedVersion("W/\"3\""));
        ETags.check("\"4\"", 4);
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.check("\"3\"", 4)).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.check("\"abc\"", 4)).status());
    }

    @Test
    void fieldErrorsAreCollectedThenThrownOnce() {
        FieldErrors errors = new FieldErrors().require(false, "name", "is required").require(true, "x", "never").add("email", "bad");
        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
        assertEquals("validation_failed", e.code());
        assertEquals(List.of("name", "email"), e.errors().stream().map(FieldError::field).toList());
        new FieldErrors().throwIfAny();
    }

    @Test
    void queryParametersNameThemselvesWhenBad() {
        assertEquals(Boolean.TRUE, QueryParams.booleanParam("active", "TRUE"));
        assertEquals("active", assertThrows(ProblemException.class, () -> QueryParams.booleanParam("active", "yes")).errors().get(0).field());
        assertEquals("since", assertThrows(ProblemException.class, () -> QueryParams.instantParam("since", "yesterday")).errors().get(0).field());
    }

    @Test
    void webUrlsAreHttpOrHttpsWithAHost() {
        assertTrue(Formats.isWebUrl("https://drive.example.com/poster-v2.pdf", 300));
        assertTrue(Formats.isWebUrl("http://example.com", 300));
        assertFalse(Formats.isWebUrl("javascript:alert(1)", 300));
        assertFalse(Formats.isWebUrl("ftp://example.com/file", 300));
        assertFalse(Formats.isWebUrl("https:///no-host", 300));
        assertFalse(Formats.isWebUrl("not a url", 300));
        assertFalse(Formats.isWebUrl("https://example.com/" + "a".repeat(300), 300));
        assertFalse(Formats.isWebUrl(null, 300));
    }
}
