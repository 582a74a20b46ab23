package io.clientele.platform.impl.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.context.RequestScope;
import io.clientele.platform.api.i18n.Locales;
import io.clientele.platform.api.rest.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyMessagesTest {

    @AfterEach
    void clear() {
        RequestScope.clear();
    }

    @Test
    void everyKeyIsInBothLanguages() {
        assertEquals(List.of(), BreachedListPasswordPolicy.MESSAGES.problems());
    }

    @Test
    void aRefusedPasswordHasACodeAndIsWordedInTheRequestsLanguage() {
        BreachedListPasswordPolicy policy = new BreachedListPasswordPolicy();
        assertEquals(Optional.of(new FieldError("password", "must have at least 12 characters", "too_short", Map.of("min", 12))),
                policy.error("password", "short"));
        assertEquals(Optional.of("must have at least 12 characters"), policy.problem("short"), "English stays as it was");
        assertEquals("weak_password", policy.error("password", "1qaz2wsx3edc").orElseThrow().code());
        RequestScope.setLocale(Locales.PT_BR);
        assertEquals("deve ter pelo menos 12 caracteres", policy.error("password", "short").orElseThrow().message());
        assertEquals("aparece em uma lista de senhas vazadas; escolha outra", policy.problem("1qaz2wsx3edc").orElseThrow());
        assertEquals(new FieldError("password", "é obrigatório", "required"), policy.error("password", "").orElseThrow());
    }
}
