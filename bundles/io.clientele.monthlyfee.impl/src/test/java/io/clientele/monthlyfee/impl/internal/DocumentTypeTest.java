package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    @Test
    void signedContractsAreRecognisedByTheirBytes() {
        assertEquals("application/pdf", MonthlyFeesResource.detect("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/png", MonthlyFeesResource.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}));
        assertEquals("image/jpeg", MonthlyFeesResource.detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}));
        assertNull(MonthlyFeesResource.detect("GIF89a".getBytes(StandardCharsets.US_ASCII)));
        assertNull(MonthlyFeesResource.detect("plain text".getBytes(StandardCharsets.US_ASCII)));
        assertNull(MonthlyFeesResource.detect(new byte[] {'%', 'P'}));
    }

    @Test
    void aDeclaredTypeMustNotContradictTheContent() {
        assertTrue(MonthlyFeesResource.agrees(null, "application/pdf"));
        assertTrue(MonthlyFeesResource.agrees("application/octet-stream", "image/png"));
        assertTrue(MonthlyFeesResource.agrees("image/jpg", "image/jpeg"));
        assertTrue(MonthlyFeesResource.agrees("Application/PDF; charset=binary", "application/pdf"));
        assertFalse(MonthlyFeesResource.agrees("image/png", "application/pdf"));
    }
}
