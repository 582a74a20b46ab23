package io.clientele.platform.impl.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MustacheMailTemplatesTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    private final List<OutgoingMail> queued = new ArrayList<>();
    private final Map<String, Agency> agencies = Map.of(
            "a-en", new Agency("a-en", "english", "English Agency", Set.of(), Instant.EPOCH, "en"),
            "a-pt", new Agency("a-pt", "brasileira", "Agência Brasileira", Set.of(), Instant.EPOCH, "pt-BR"),
            "a-old", new Agency("a-old", "old", "Old", Set.of(), Instant.EPOCH));
    private final MustacheMailTemplates templates = new MustacheMailTemplates(mail -> {
        queued.add(mail);
        return "id-" + queued.size();
    }, directory());

    private AgencyDirectory directory() {
        return (AgencyDirectory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgencyDirectory.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findById")) {
                        return Optional.ofNullable(agencies.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> model() {
        return Map.of("name", "Ana & <Bia>", "agency", "A&B", "lines", List.of(Map.of("item", "one"), Map.of("item", "two")));
    }

    @Test
    void rendersSubjectTextAndHtmlInTheChosenLanguageEscapingOnlyHtml() {
        MailTemplate greeting = templates.load(getClass(), "greeting");
        OutgoingMail pt = templates.render(greeting, "ana@example.test", PT_BR, model());
        assertEquals("Olá, Ana & <Bia> <de A&B>", pt.subject());
        assertEquals("Olá Ana & <Bia>,\n- one\n- two\nFim.\n", pt.textBody());
        assertEquals("<p>Olá Ana &amp; &lt;Bia&gt;</p>\n", pt.htmlBody());
        OutgoingMail en = templates.render(greeting, "ana@example.test", Locale.ENGLISH, model());
        assertEquals("Hello, Ana & <Bia> <from A&B>", en.subject());
        assertEquals("<p>Hello Ana &amp; &lt;Bia&gt;</p>\n", en.htmlBody());
        assertEquals("ana@example.test", en.to());
    }

    @Test
    void languageIsTheRecipientsThenTheAgencysThenPortuguese() {
        assertEquals(PT_BR, templates.languageFor(null), "no recipient language, no agency");
        assertEquals(Locale.ENGLISH, templates.languageFor(Locale.US), "en-US counts as en");
        assertEquals(PT_BR, templates.languageFor(Locale.forLanguageTag("pt-PT")), "pt counts as pt-BR");
        assertEquals(PT_BR, templates.languageFor(Locale.GERMAN), "an unsupported language falls back");
        assertEquals(Locale.ENGLISH, RequestContext.runAs(Principal.system("a-en", "english", "test"), () -> templates.languageFor(null)));
        assertEquals(Locale.ENGLISH, RequestContext.runAs(Principal.system("a-en", "english", "test"), () -> templates.languageFor(Locale.FRENCH)));
        assertEquals(PT_BR, RequestContext.runAs(Principal.system("a-en", "english", "test"), () -> templates.languageFor(PT_BR)),
                "the recipient's own language wins over the agency's");
        assertEquals(PT_BR, RequestContext.runAs(Principal.system("a-pt", "brasileira", "test"), () -> templates.languageFor(null)));
        assertEquals(PT_BR, RequestContext.runAs(Principal.system("a-old", "old", "test"), () -> templates.languageFor(null)),
                "an agency without a chosen language is pt-BR");
        assertEquals(PT_BR, RequestContext.runAs(Principal.system("gone", "gone", "test"), () -> templates.languageFor(null)));
    }

    @Test
    void sendQueuesTheMailInTheAgencysLanguage() {
        MailTemplate greeting = templates.load(getClass(), "greeting");
        RequestContext.runAs(Principal.system("a-en", "english", "test"), () -> templates.send(greeting, "x@example.test", null, model()));
        RequestContext.runAs(Principal.system("a-pt", "brasileira", "test"), () -> templates.send(greeting, "y@example.test", null, model()));
        assertEquals(2, queued.size());
        assertTrue(queued.get(0).subject().startsWith("Hello"), queued.get(0).subject());
        assertTrue(queued.get(1).subject().startsWith("Olá"), queued.get(1).subject());
    }

    @Test
    void aMissingLanguageOrTemplateIsAClearErrorWhenLoaded() {
        IllegalStateException lonely = assertThrows(IllegalStateException.class, () -> templates.load(getClass(), "lonely"));
        assertTrue(lonely.getMessage().contains("mail/lonely.en.txt is missing"), lonely.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> templates.load(getClass(), "no-such-mail"));
        assertTrue(none.getMessage().contains("mail/no-such-mail.pt-BR.txt is missing"), none.getMessage());
        assertTrue(none.getMessage().contains("mail/no-such-mail.en.txt is missing"), none.getMessage());
        IllegalStateException subject = assertThrows(IllegalStateException.class, () -> templates.load(getClass(), "nosubject"));
        assertTrue(subject.getMessage().contains("mail/nosubject.pt-BR.txt: the first line must be \"Subject: …\""), subject.getMessage());
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> templates.load(getClass(), "broken"));
        assertTrue(broken.getMessage().contains("mail/broken.pt-BR.txt"), broken.getMessage());
    }

    @Test
    void aValueTheModelLacksIsAnErrorNotAnEmptyString() {
        MailTemplate greeting = templates.load(getClass(), "greeting");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> templates.render(greeting, "a@example.test", PT_BR, Map.of("name", "Ana")));
        assertTrue(e.getMessage().contains("agency"), e.getMessage());
        MustacheMailTemplates other = new MustacheMailTemplates(mail -> "x", directory());
        assertThrows(IllegalArgumentException.class, () -> other.render(greeting, "a@example.test", PT_BR, model()));
    }

    @Test
    void plainTextTemplatesHaveNoHtmlPart() {
        OutgoingMail mail = templates.render(templates.load(getClass(), "plain"), "a@example.test", Locale.ENGLISH, Map.of("n", 3));
        assertEquals("Plain 3", mail.subject());
        assertEquals("Three is 3.\n", mail.textBody());
        assertNull(mail.htmlBody());
    }

    @Test
    void theCompletenessCheckNamesEveryMissingLanguageAndStrayFile() {
        List<String> problems = MailTemplateFiles.problems(List.of("greeting.pt-BR.txt", "greeting.en.txt", "greeting.en.html",
                "lonely.pt-BR.txt", "extra.fr.txt", "notes.md"));
        assertEquals(List.of("mail/extra.fr.txt: language fr is not one of [en, pt-BR]",
                "mail/notes.md: not named <template>.<language>.txt or .html",
                "mail/greeting.pt-BR.html is missing (the template has an HTML part in another language)",
                "mail/lonely.en.txt is missing"), problems);
        assertEquals(List.of(), MailTemplateFiles.problems(List.of("a.pt-BR.txt", "a.en.txt", "b.en.txt", "b.pt-BR.txt")));
        assertEquals(MailTemplates.LANGUAGES.size(), 2);
    }
}
