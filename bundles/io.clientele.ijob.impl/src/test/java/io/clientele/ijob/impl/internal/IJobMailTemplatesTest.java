package io.clientele.ijob.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.testing.MailTemplatesFixture;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** iJob's e-mails: every template in every language; the piece's link and the customer's comment carried unchanged. */
class IJobMailTemplatesTest {

    private final MailTemplates templates = MailTemplatesFixture.templates(mail -> "id");

    @Test
    void everyTemplateExistsInEveryLanguage() {
        assertEquals(Set.of("piece-awaiting-approval", "changes-requested"),
                MailTemplatesFixture.assertEveryTemplateInEveryLanguage(ApprovalMail.class));
    }

    @Test
    void awaitingApprovalInBothLanguages() {
        Map<String, Object> model = Map.of("contactName", "Paula", "pieceTitle", "Logo", "jobTitle", "Rebrand",
                "link", "https://c.example/portal/acme/pieces/p-1", "files", java.util.List.of());
        OutgoingMail en = templates.render(templates.load(ApprovalMail.class, "piece-awaiting-approval"), "p@x.test", Locale.ENGLISH, model);
        assertEquals("Awaiting your approval: Logo", en.subject());
        assertEquals("Hello Paula,\n\nThe piece \"Logo\" of the job \"Rebrand\" awaits your approval. Approve it or request changes here:\n\n"
                + "https://c.example/portal/acme/pieces/p-1\n", en.textBody());
        OutgoingMail pt = templates.render(templates.load(ApprovalMail.class, "piece-awaiting-approval"), "p@x.test",
                MailTemplates.DEFAULT_LANGUAGE, model);
        assertEquals("Aguardando sua aprovação: Logo", pt.subject());
        assertEquals("Olá, Paula,\n\nA peça \"Logo\" do job \"Rebrand\" está aguardando a sua aprovação. Aprove a peça ou peça alterações aqui:\n\n"
                + "https://c.example/portal/acme/pieces/p-1\n", pt.textBody());
    }

    @Test
    void awaitingApprovalNamesTheCurrentFileVersion() {
        Map<String, Object> model = Map.of("contactName", "Paula", "pieceTitle", "Logo", "jobTitle", "Rebrand",
                "link", "https://c.example/portal/acme/pieces/p-1", "files", java.util.List.of(Map.of("versionNumber", 2, "fileName", "logo-v2.png")));
        OutgoingMail en = templates.render(templates.load(ApprovalMail.class, "piece-awaiting-approval"), "p@x.test", Locale.ENGLISH, model);
        assertEquals("Hello Paula,\n\nThe piece \"Logo\" of the job \"Rebrand\" awaits your approval. Version 2 to review: logo-v2.png. "
                + "Approve it or request changes here:\n\nhttps://c.example/portal/acme/pieces/p-1\n", en.textBody());
        OutgoingMail pt = templates.render(templates.load(ApprovalMail.class, "piece-awaiting-approval"), "p@x.test",
                MailTemplates.DEFAULT_LANGUAGE, model);
        org.junit.jupiter.api.Assertions.assertTrue(pt.textBody().contains("aprovação. Versão 2 para revisar: logo-v2.png. Aprove"), pt.textBody());
    }

    @Test
    void changesRequestedKeepsTheCommentAsWritten() {
        Map<String, Object> model = Map.of("userName", "Sam", "pieceTitle", "Logo", "requesterName", "Paula", "customerName", "Bakery",
                "comment", "Make it <bigger> & bolder");
        OutgoingMail en = templates.render(templates.load(TeamNotices.class, "changes-requested"), "s@x.test", Locale.ENGLISH, model);
        assertEquals("Changes requested on Logo", en.subject());
        assertEquals("Hello Sam,\n\nPaula (Bakery) requested changes:\n\nMake it <bigger> & bolder\n\n"
                + "A Customer Alteration step was added to the piece's workflow.\n", en.textBody());
    }
}
