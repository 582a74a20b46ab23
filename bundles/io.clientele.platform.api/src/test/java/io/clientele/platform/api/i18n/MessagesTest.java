package io.clientele.platform.api.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.context.RequestScope;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @AfterEach
    void clear() {
        RequestScope.clear();
    }

    @Test
    void everyPlatformKeyIsInBothLanguagesWithTheSameArguments() {
        assertEquals(List.of(), Messages.PLATFORM.problems());
        assertEquals(Messages.PLATFORM.keys(Locales.EN), Messages.PLATFORM.keys(Locales.PT_BR));
    }

    @Test
    void aKeyMissingInPortugueseOrWithOtherArgumentsIsReported() {
        Messages broken = Messages.of(MessagesTest.class, "broken");
        assertEquals(List.of(
                "io.clientele.platform.api.i18n/broken: pt-BR lacks only.english",
                "io.clientele.platform.api.i18n/broken: pt-BR too.long has arguments [limit], English [max]",
                "io.clientele.platform.api.i18n/broken: pt-BR has only.portuguese, English has not"), broken.problems());
        assertEquals("only in English", broken.text(Locales.PT_BR, "only.english", Map.of()), "a missing text falls back to English");
        assertEquals("no.such.key", broken.text(Locales.PT_BR, "no.such.key", Map.of()));
    }

    @Test
    void acceptLanguagePicksPortugueseOrEnglishAndDefaultsToEnglish() {
        assertEquals(Locales.EN, Locales.accepted(null));
        assertEquals(Locales.EN, Locales.accepted(""));
        assertEquals(Locales.EN, Locales.accepted("fr-FR, de;q=0.5"));
        assertEquals(Locales.EN, Locales.accepted("not a ;;; header=="));
        assertEquals(Locales.PT_BR, Locales.accepted("pt-BR"));
        assertEquals(Locales.PT_BR, Locales.accepted("pt"));
        assertEquals(Locales.PT_BR, Locales.accepted("fr;q=0.9, pt-PT;q=0.8, en;q=0.5"));
        assertEquals(Locales.EN, Locales.accepted("en-US, pt-BR;q=0.5"));
        assertEquals(Locales.EN, Locales.accepted("pt-BR;q=0, en;q=0.1"));
    }

    @Test
    void argumentsAreWrittenForTheLanguageAndEnglishStaysAsToString() {
        Map<String, Object> args = Map.of("max", 4000);
        assertEquals("must be at most 4000 characters", Messages.PLATFORM.text(Locales.EN, "field.too_long", args));
        assertEquals("deve ter no máximo 4.000 caracteres", Messages.PLATFORM.text(Locales.PT_BR, "field.too_long", args));
        assertEquals("R$ 1.250,00", Messages.write(Locales.PT_BR, Money.brl("1250.00")));
        assertEquals("1250.00 BRL", Messages.write(Locales.EN, Money.brl("1250.00")));
        assertEquals("31/12/2026", Messages.write(Locales.PT_BR, LocalDate.of(2026, 12, 31)));
        assertEquals("2026-12-31", Messages.write(Locales.EN, LocalDate.of(2026, 12, 31)));
        assertEquals("31/12/2026 14:05 UTC", Messages.write(Locales.PT_BR, Instant.parse("2026-12-31T14:05:00Z")));
        assertEquals("1.234,5", Messages.write(Locales.PT_BR, new BigDecimal("1234.5")));
    }

    @Test
    void storedArgumentsComeBackWithTheirTypes() {
        Map<String, Object> args = Map.of("amount", Money.brl("1250.00"), "on", LocalDate.of(2026, 3, 1), "text", "two\nlines \\ and = signs",
                "count", 3L, "at", Instant.parse("2026-03-01T10:00:00Z"), "rate", new BigDecimal("1.50"));
        assertEquals(args, Messages.restore(Messages.store(args)));
        assertEquals(Map.of(), Messages.restore(null));
        assertEquals(Map.of("x", "kept as text"), Messages.restore("x=m:kept as text\nbroken line\n"));
    }

    @Test
    void errorsAreWordedInTheRequestsLanguageWithAStableCode() {
        ProblemException english = assertThrowsProblem(new FieldErrors().required("subject").tooLong("description", 4000));
        assertEquals("The request has invalid fields.", english.getMessage());
        assertEquals(List.of(new FieldError("subject", "is required", "required"),
                new FieldError("description", "must be at most 4000 characters", "too_long", Map.of("max", 4000))), english.errors());

        RequestScope.setLocale(Locales.PT_BR);
        ProblemException portuguese = assertThrowsProblem(new FieldErrors().required("subject"));
        assertEquals("A solicitação tem campos inválidos.", portuguese.getMessage());
        assertEquals(new FieldError("subject", "é obrigatório", "required"), portuguese.errors().get(0));
        assertEquals("Não encontrado: Fatura 12.", ProblemException.notFound("Fatura 12").getMessage());
        RequestScope.clear();
        assertEquals("Invoice 12 was not found.", ProblemException.notFound("Invoice 12").getMessage());
    }

    private static ProblemException assertThrowsProblem(FieldErrors errors) {
        try {
            errors.throwIfAny();
        } catch (ProblemException e) {
            return e;
        }
        assertTrue(false, "no problem thrown");
        return null;
    }
}
