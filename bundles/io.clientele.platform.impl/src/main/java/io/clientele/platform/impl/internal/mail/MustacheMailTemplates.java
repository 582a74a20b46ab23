package io.clientele.platform.impl.internal.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link MailTemplates} on <a href="https://github.com/samskivert/jmustache">JMustache</a> (a dependency-free OSGi bundle):
 * templates compiled once when a component loads them, subject and text rendered without escaping, the HTML part with
 * HTML escaping; a value the model lacks is an error.
 */
@Component(service = MailTemplates.class)
public class MustacheMailTemplates implements MailTemplates {

    private static final String SUBJECT = "Subject:";

    /** Subject and text: plain text, nothing escaped; a missing name throws, a null value is empty. */
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).nullValue("");
    /** The HTML part: every value HTML-escaped. */
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).nullValue("");

    private final Outbox outbox;
    private final AgencyDirectory agencies;

    @Activate
    public MustacheMailTemplates(@Reference Outbox outbox, @Reference AgencyDirectory agencies) {
        this.outbox = outbox;
        this.agencies = agencies;
    }

    /** One language of a template; {@code html} null when the template is plain text. */
    private record Parts(Template subject, Template text, Template html) {
    }

    private record Compiled(String name, Map<Locale, Parts> languages, MustacheMailTemplates owner) implements MailTemplate {
        @Override
        public String toString() {
            return "mail template " + name;
        }
    }

    @Override
    public MailTemplate load(Class<?> owner, String name) {
        ClassLoader loader = owner.getClassLoader();
        List<String> problems = new ArrayList<>(bundleProblems(owner));
        Map<Locale, Parts> languages = new LinkedHashMap<>();
        for (Locale language : LANGUAGES) {
            String textPath = MailTemplateFiles.path(name, language, "txt");
            String htmlPath = MailTemplateFiles.path(name, language, "html");
            try {
                String text = read(loader, textPath);
                String html = read(loader, htmlPath);
                if (text == null) {
                    problems.add(textPath + " is missing");
                    continue;
                }
                text = text.replace("\r\n", "\n");
                int firstLineEnd = text.indexOf('\n');
                String firstLine = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
                if (!firstLine.startsWith(SUBJECT) || firstLine.substring(SUBJECT.length()).isBlank()) {
                    problems.add(textPath + ": the first line must be \"Subject: …\"");
                    continue;
                }
                String rest = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1);
                if (!rest.startsWith("\n")) {
                    problems.add(textPath + ": the subject line must be followed by an empty line");
                    continue;
                }
                languages.put(language, new Parts(TEXT.compile(firstLine.substring(SUBJECT.length()).trim()),
                        TEXT.compile(rest.substring(1)), html == null ? null : HTML.compile(html)));
            } catch (MustacheException e) {
                problems.add(textPath + " or its .html: " + e.getMessage());
            } catch (IOException e) {
                problems.add(textPath + ": " + e);
            }
        }
        if (languages.size() == LANGUAGES.size() && languages.values().stream().map(p -> p.html() == null).distinct().count() > 1) {
            problems.add(MailTemplateFiles.FOLDER + "/" + name + ": an HTML part in some languages only");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Mail template \"" + name + "\" of " + ownerName(owner) + " cannot be used: "
                    + String.join("; ", problems));
        }
        return new Compiled(name, Collections.unmodifiableMap(languages), this);
    }

    @Override
    public Locale languageFor(Locale recipient) {
        return supported(recipient)
                .or(() -> RequestContext.current().map(p -> p.agencyId())
                        .flatMap(agencies::findById).map(Agency::locale).map(Locale::forLanguageTag).flatMap(MustacheMailTemplates::supported))
                .orElse(DEFAULT_LANGUAGE);
    }

    @Override
    public OutgoingMail render(MailTemplate template, String to, Locale language, Map<String, ?> model) {
        if (!(template instanceof Compiled compiled) || compiled.owner() != this) {
            throw new IllegalArgumentException(template + " was not loaded by this service");
        }
        Parts parts = compiled.languages().get(supported(language).orElse(DEFAULT_LANGUAGE));
        try {
            return new OutgoingMail(to, parts.subject().execute(model).strip(), parts.text().execute(model),
                    parts.html() == null ? null : parts.html().execute(model));
        } catch (MustacheException e) {
            throw new IllegalArgumentException("Mail template \"" + compiled.name() + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public String send(MailTemplate template, String to, Locale recipientLocale, Map<String, ?> model) {
        return outbox.enqueue(render(template, to, languageFor(recipientLocale), model));
    }

    /** The supported language a locale names: the same tag, else the same language ({@code pt} → pt-BR, {@code en-US} → en). */
    static Optional<Locale> supported(Locale locale) {
        if (locale == null || locale.getLanguage().isEmpty()) {
            return Optional.empty();
        }
        for (Locale l : LANGUAGES) {
            if (l.toLanguageTag().equalsIgnoreCase(locale.toLanguageTag())) {
                return Optional.of(l);
            }
        }
        return LANGUAGES.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst();
    }

    /** In a running bundle: every template under its {@code mail/} must exist in every language (nothing else lists them). */
    private static List<String> bundleProblems(Class<?> owner) {
        Bundle bundle = FrameworkUtil.getBundle(owner);
        if (bundle == null) {
            return List.of(); // outside OSGi: each bundle's unit test checks its folder (MailTemplateFiles.problems)
        }
        List<String> files = new ArrayList<>();
        var entries = bundle.findEntries(MailTemplateFiles.FOLDER, "*", false);
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            if (!path.endsWith("/")) {
                files.add(path.substring(path.lastIndexOf('/') + 1));
            }
        }
        return MailTemplateFiles.problems(files);
    }

    private static String ownerName(Class<?> owner) {
        Bundle bundle = FrameworkUtil.getBundle(owner);
        return bundle != null ? "bundle " + bundle.getSymbolicName() : owner.getName();
    }

    private static String read(ClassLoader loader, String path) throws IOException {
        URL url = loader.getResource(path);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
    }
}
