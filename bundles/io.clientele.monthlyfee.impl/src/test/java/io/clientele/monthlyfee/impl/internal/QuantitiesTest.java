package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.rest.FieldErrors;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Estimate quantities (amounts are the platform's Money, tested there). */
class QuantitiesTest {

    @Test
    void quantitiesArePositiveWithAtMostThreeDecimals() {
        FieldErrors errors = new FieldErrors();
        assertEquals(new BigDecimal("1.5"), Quantities.quantity("q", new BigDecimal("1.5"), errors));
        assertEquals(new BigDecimal("2.000"), Quantities.quantity("q", new BigDecimal("2.000"), errors));
        assertTrue(errors.isEmpty());
        for (String bad : new String[] {"0", "-1", "1.2345", "1E+309", "10000000"}) {
            FieldErrors e = new FieldErrors();
            assertNull(Quantities.quantity("q", new BigDecimal(bad), e), bad);
            assertEquals("q", e.list().get(0).field());
        }
        assertEquals("100", Quantities.plain(new BigDecimal("100.000")).toString());
    }
}
