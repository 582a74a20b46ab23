package io.clientele.ijob.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.ijob.api.PieceStatus;
import io.clientele.platform.api.i18n.Locales;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IJobTextsTest {

    @Test
    void everyKeyIsInEnglishAndPortugueseWithTheSameArguments() {
        assertEquals(List.of(), IJobTexts.MESSAGES.problems());
    }

    @Test
    void everyPieceStatusIsNamedAndEnglishNamesItByItsCode() {
        for (PieceStatus status : PieceStatus.values()) {
            assertEquals(status.name(), IJobTexts.MESSAGES.text(Locales.EN, "piece.status." + status.name(), Map.of()));
        }
    }
}
