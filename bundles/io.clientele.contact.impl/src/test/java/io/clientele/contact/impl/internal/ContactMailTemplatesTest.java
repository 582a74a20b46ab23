package io.clientele.contact.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.testing.MailTemplatesFixture;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contact bundle's e-mails: every template in every language, links and values carried unchanged. */
class ContactMailTemplatesTest {

    private final MailTemplates templates = MailTemplatesFixture.templates(mail -> "id", null);

    @Test
    void everyTemplateExistsInEveryLanguage() {
        assertEquals(Set.of("portal-invitation", "portal-password-reset", "portal-login-changed"),
                MailTemplatesFixture.assertEveryTemplateInEveryLanguage(ContactPortal.class));
    }

    @Test
    void theInvitationCarriesTheLinkInBothLanguages() {
        Map<String, Object> model = Map.of("contactName", "Paula", "agencyName", "Padaria & Cia", "expiresAt", "2026-12-10T12:00:00Z",
                "link", "https://app.test/portal/padaria/activate?token=abc_DEF-123");
        OutgoingMail pt = templates.render(templates.load(ContactPortal.class, "portal-invitation"), "p@x.test", MailTemplates.DEFAULT_LANGUAGE, model);
        OutgoingMail en = templates.render(templates.load(ContactPortal.class, "portal-invitation"), "p@x.test", Locale.ENGLISH, model);
        assertEquals("Seu acesso ao portal do cliente de Padaria & Cia", pt.subject());
        assertEquals("Your access to the Padaria & Cia customer portal", en.subject());
        for (OutgoingMail m : new OutgoingMail[] {pt, en}) {
            assertTrue(m.textBody().contains("\nhttps://app.test/portal/padaria/activate?token=abc_DEF-123\n"), m.textBody());
            assertTrue(m.textBody().contains("2026-12-10T12:00:00Z (UTC)"), m.textBody());
        }
        assertEquals("Hello Paula,\n\nPadaria & Cia invites you to its customer portal. Choose your password to activate your access:\n\n"
                + "https://app.test/portal/padaria/activate?token=abc_DEF-123\n\n"
                + "The link can be used once and expires on 2026-12-10T12:00:00Z (UTC).\n"
                + "If you did not expect this e-mail, you can ignore it.\n", en.textBody());
    }

    @Test
    void theLoginChangeNamesWhoChangedItOrTheAgency() {
        Map<String, Object> model = new HashMap<>(Map.of("contactName", "Bob", "oldEmail", "bob@a.test", "newEmail", "robert@a.test"));
        model.put("changedBy", null);
        OutgoingMail pt = templates.render(templates.load(ContactStore.class, "portal-login-changed"), "bob@a.test", MailTemplates.DEFAULT_LANGUAGE, model);
        assertTrue(pt.textBody().contains("de bob@a.test para robert@a.test por a agência."), pt.textBody());
        model.put("changedBy", "Ana Admin");
        OutgoingMail en = templates.render(templates.load(ContactStore.class, "portal-login-changed"), "bob@a.test", Locale.ENGLISH, model);
        assertTrue(en.textBody().contains("changed from bob@a.test to robert@a.test by Ana Admin. From now on"), en.textBody());
    }
}
