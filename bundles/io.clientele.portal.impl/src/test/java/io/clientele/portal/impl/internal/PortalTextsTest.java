package io.clientele.portal.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.i18n.Locales;
import io.clientele.platform.api.money.Money;
import io.clientele.portal.api.PortalTab;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalTextsTest {

    @Test
    void everyKeyIsInEnglishAndPortugueseWithTheSameArguments() {
        assertEquals(List.of(), PortalTexts.MESSAGES.problems());
    }

    @Test
    void theAcceptedTypesReadInEnglishAsBefore() {
        assertEquals(PortalDocuments.DOCUMENT_TYPES_TEXT, PortalTexts.MESSAGES.text(Locales.EN, "documents.types", Map.of()));
        assertEquals(PortalDocuments.LOGO_TYPES_TEXT, PortalTexts.MESSAGES.text(Locales.EN, "documents.logo_types", Map.of()));
    }

    @Test
    void everyTabHasItsNameAndEnglishNamesItAsBefore() {
        for (PortalTab tab : PortalTab.values()) {
            assertEquals(tab.label(), PortalTexts.MESSAGES.text(Locales.EN, "tab." + tab.name(), Map.of()));
        }
    }

    @Test
    void aHistoryLineIsSummarisedInTheReadersLanguageAndKeepsTodaysEnglish() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        PortalEventRecord paid = PortalEventRecord.of("e1", "c1", "PAYMENT_RECEIVED",
                Map.of("amount", Money.brl("1250.00"), "method", "PIX"), "p1", now);
        assertEquals("Payment received: 1250.00 BRL (PIX)", paid.summary(), "the stored English text is as it always was");
        assertEquals("Payment received: 1250.00 BRL (PIX)", paid.summary(Locales.EN));
        assertEquals("Pagamento recebido: R$ 1.250,00 (PIX)", paid.summary(Locales.PT_BR));

        PortalEventRecord upload = PortalEventRecord.of("e2", "c1", "DOCUMENT", Map.of("variant", "uploaded", "fileName", "brief.pdf"),
                "d1", now);
        assertEquals("Document uploaded: brief.pdf", upload.summary(Locales.EN));
        assertEquals("Documento enviado: brief.pdf", upload.summary(Locales.PT_BR));

        String note = "x".repeat(4000);
        PortalEventRecord longNote = PortalEventRecord.of("e3", "c1", "SERVICE_NOTE", Map.of("text", note), "n1", now);
        assertEquals(500, longNote.summary(Locales.PT_BR).length());
        assertEquals(("Service note: " + note).substring(0, 497) + "...", longNote.summary(Locales.EN), "cut as it always was");
        assertEquals(longNote.summary(), longNote.summary(Locales.EN));

        PortalEventRecord old = new PortalEventRecord("e4", "c1", "SERVICE_REQUESTED", "Service requested: Logo", "r1", now);
        assertEquals("Service requested: Logo", old.summary(Locales.PT_BR), "a line written before codes keeps its English text");
    }
}
