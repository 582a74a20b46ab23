package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.i18n.Locales;
import io.clientele.monthlyfee.api.EstimateStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthlyFeeTextsTest {

    @Test
    void everyKeyIsInEnglishAndPortugueseWithTheSameArguments() {
        assertEquals(List.of(), MonthlyFeeTexts.MESSAGES.problems());
    }

    @Test
    void everyEstimateStatusIsNamedAndEnglishNamesItByItsCode() {
        for (EstimateStatus status : EstimateStatus.values()) {
            assertEquals(status.name(), MonthlyFeeTexts.MESSAGES.text(Locales.EN, "estimate.status." + status.name(), Map.of()));
        }
    }
}
