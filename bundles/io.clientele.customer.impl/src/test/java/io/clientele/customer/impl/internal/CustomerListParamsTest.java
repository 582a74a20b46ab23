package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomerListParamsTest {

    private static CustomerListParams created(String from, String to) {
        return new CustomerListParams(null, null, null, null, null, null, null, null, null, null, null, from, to, null, null,
                null, null);
    }

    @Test
    void aDateCoversItsWholeDay() {
        CustomerFilter f = created("2026-01-01", "2026-01-31").filter();
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), f.createdFrom());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), f.createdBefore());
    }

    @Test
    void anInstantBoundIsIncluded() {
        CustomerFilter f = created("2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z").filter();
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), f.createdFrom());
        assertEquals(Instant.parse("2026-01-01T12:00:00.000001Z"), f.createdBefore());
    }

    @Test
    void absentBoundsDoNotFilter() {
        CustomerFilter f = created(null, " ").filter();
        assertNull(f.createdFrom());
        assertNull(f.createdBefore());
    }

    @Test
    void aBadBoundIsNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> created(null, "2026-13-45").filter());
        assertEquals("createdTo", e.errors().get(0).field());
    }
}
