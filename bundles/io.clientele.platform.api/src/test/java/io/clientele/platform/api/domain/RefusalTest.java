package io.clientele.platform.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.domain.Refusal.Field;
import io.clientele.platform.api.domain.Refusal.Kind;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.tenancy.AgencyDirectory.Refused.Reason;
import io.clientele.platform.api.upload.UploadService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A contract's refusal as the platform makes it: each reason says its kind, the factories make the common shapes. */
class RefusalTest {

    enum Unsaid implements Refusal.Reason { SAID_NOTHING }

    enum Overridden implements Refusal.Reason {
        LATER;

        @Override
        public Kind kind() {
            return Kind.BUSY;
        }
    }

    @Test
    void eachReasonSaysItsKindAndTheRefusalIsOfIt() {
        assertEquals(Kind.INVALID, Reason.INVALID_INPUT.kind());
        assertEquals(Kind.CONFLICT, Reason.SLUG_TAKEN.kind());
        assertEquals(Kind.NOT_FOUND, Reason.AGENCY_NOT_FOUND.kind());
        assertEquals(Kind.TOO_LARGE, UploadService.Refused.Reason.TOO_LARGE.kind());
        assertEquals(Kind.UNSUPPORTED_TYPE, UploadService.Refused.Reason.NOT_MULTIPART.kind());
        assertEquals(Kind.MALFORMED, UploadService.Refused.Reason.MALFORMED_BODY.kind());
        assertEquals(Kind.BUSY, UploadService.Refused.Reason.BUSY.kind());
        assertEquals(Kind.BUSY, Overridden.LATER.kind());

        UploadService.Refused busy = new UploadService.Refused(UploadService.Refused.Reason.BUSY, "Busy.", null, 7L);
        assertEquals(Kind.BUSY, busy.kind());
        assertEquals(UploadService.Refused.Reason.BUSY, busy.reason());
        assertEquals(List.of(), busy.fields());
        assertEquals(7L, busy.retryAfterSeconds());
    }

    @Test
    void aReasonThatSaysNoKindIsAProgrammingErrorNamedAtOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Unsaid.SAID_NOTHING::kind);
        assertTrue(e.getMessage().contains("SAID_NOTHING"), e.getMessage());
    }

    @Test
    void theFactoriesMakeTheCommonShapes() {
        AgencyDirectory.Refused missing = Refusal.notFound(AgencyDirectory.Refused::new, Reason.AGENCY_NOT_FOUND, "Agency acme");
        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertEquals(Reason.AGENCY_NOT_FOUND, missing.reason());
        assertEquals("Agency acme was not found.", missing.getMessage());
        assertEquals(List.of(), missing.fields());
        assertNull(missing.retryAfterSeconds());

        List<Field> fields = List.of(new Field("name", "is required"), new Field("slug", "is required"));
        AgencyDirectory.Refused invalid = AgencyDirectory.Refused.invalid(fields);
        assertEquals(Kind.INVALID, invalid.kind());
        assertEquals(Refusal.INVALID_FIELDS, invalid.getMessage());
        assertEquals(fields, invalid.fields());

        AgencyDirectory.Refused badField = Refusal.onField(AgencyDirectory.Refused::new, Reason.INVALID_INPUT, "locale", "is not supported");
        assertEquals(Refusal.INVALID_FIELDS, badField.getMessage(), "an invalid field is said by the field");
        assertEquals(List.of(new Field("locale", "is not supported")), badField.fields());

        AgencyDirectory.Refused taken = Refusal.onField(AgencyDirectory.Refused::new, Reason.SLUG_TAKEN, "slug", "The slug is taken.");
        assertEquals(Kind.CONFLICT, taken.kind());
        assertEquals("The slug is taken.", taken.getMessage(), "any other kind keeps its message");
        assertEquals(List.of(new Field("slug", "The slug is taken.")), taken.fields());

        AgencyDirectory.Refused plain = Refusal.of(AgencyDirectory.Refused::new, Reason.SLUG_TAKEN, "The slug is taken.");
        assertEquals(Kind.CONFLICT, plain.kind());
        assertEquals("The slug is taken.", plain.getMessage());
        assertEquals(List.of(), plain.fields());
    }
}
