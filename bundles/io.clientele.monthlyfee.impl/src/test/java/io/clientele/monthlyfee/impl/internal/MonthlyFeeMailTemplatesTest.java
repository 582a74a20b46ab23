package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.testing.MailTemplatesFixture;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The monthly-fee module's e-mails: every template in every language; the estimate's lines and reference in both. */
class MonthlyFeeMailTemplatesTest {

    private final MailTemplates templates = MailTemplatesFixture.templates(mail -> "id");

    @Test
    void everyTemplateExistsInEveryLanguage() {
        assertEquals(Set.of("estimate"), MailTemplatesFixture.assertEveryTemplateInEveryLanguage(EstimateStore.class));
    }

    @Test
    void theEstimateListsItsLinesInBothLanguages() {
        Map<String, Object> model = Map.of("contactName", "Maria", "title", "Website redesign", "customerName", "Orçamentos Ltda",
                "lines", List.of(Map.of("description", "Design", "quantity", "2", "unitPrice", "R$ 1.500,00", "amount", "R$ 3.000,00"),
                        Map.of("description", "Hosting", "quantity", "1.5", "unitPrice", "R$ 99,99", "amount", "R$ 149,99")),
                "total", "R$ 3.149,99", "reference", "est-1");
        MailTemplate estimate = templates.load(EstimateStore.class, "estimate");
        OutgoingMail en = templates.render(estimate, "m@x.test", Locale.ENGLISH, model);
        assertEquals("Estimate: Website redesign", en.subject());
        assertEquals("Hello Maria,\n\nHere is our estimate \"Website redesign\" for Orçamentos Ltda:\n\n"
                + "- Design: 2 x R$ 1.500,00 = R$ 3.000,00\n- Hosting: 1.5 x R$ 99,99 = R$ 149,99\n\n"
                + "Total: R$ 3.149,99\n\nReference: est-1\n", en.textBody());
        OutgoingMail pt = templates.render(estimate, "m@x.test", MailTemplates.DEFAULT_LANGUAGE, model);
        assertEquals("Orçamento: Website redesign", pt.subject());
        assertEquals("Olá, Maria,\n\nSegue o nosso orçamento \"Website redesign\" para Orçamentos Ltda:\n\n"
                + "- Design: 2 x R$ 1.500,00 = R$ 3.000,00\n- Hosting: 1.5 x R$ 99,99 = R$ 149,99\n\n"
                + "Total: R$ 3.149,99\n\nReferência: est-1\n", pt.textBody());
    }
}
