package io.clientele.contact.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTextsTest {

    @Test
    void everyKeyIsInEnglishAndPortugueseWithTheSameArguments() {
        assertEquals(List.of(), ContactTexts.MESSAGES.problems());
    }
}
