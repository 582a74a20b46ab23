package io.clientele.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.impl.internal.mail.MailTemplateFiles;
import io.clientele.platform.impl.internal.mail.MustacheMailTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The platform's mail templates for unit tests of the bundles that send mail, and the check of a bundle's templates. */
public final class MailTemplatesFixture {

    private MailTemplatesFixture() {
    }

    /** The platform's real template service, queuing through {@code outbox}, reading agencies' languages from {@code agencies}. */
    public static MailTemplates templates(Outbox outbox, AgencyDirectory agencies) {
        return new MustacheMailTemplates(outbox, agencies);
    }

    /** The platform's real template service for a test without agencies: every mail in the default language, pt-BR. */
    public static MailTemplates templates(Outbox outbox) {
        AgencyDirectory none = (AgencyDirectory) Proxy.newProxyInstance(MailTemplatesFixture.class.getClassLoader(),
                new Class<?>[] {AgencyDirectory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findById") || method.getName().equals("findBySlug")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException("AgencyDirectory." + method.getName() + " in MailTemplatesFixture");
                });
        return new MustacheMailTemplates(outbox, none);
    }

    /**
     * Fails unless every template in the bundle's {@code src/main/resources/mail} exists in every language of
     * {@link MailTemplates#LANGUAGES} and each of them loads (subject line, Mustache syntax) through {@code owner}'s
     * class loader; returns the template names (at least one).
     */
    public static Set<String> assertEveryTemplateInEveryLanguage(Class<?> owner) {
        Path folder = Path.of("src", "main", "resources", MailTemplateFiles.FOLDER);
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle's templates folder " + folder.toAbsolutePath(), e);
        }
        assertEquals(List.of(), MailTemplateFiles.problems(files), "the mail templates of " + folder.toAbsolutePath());
        Set<String> names = MailTemplateFiles.names(files);
        assertFalse(names.isEmpty(), "no templates in " + folder.toAbsolutePath());
        MustacheMailTemplates templates = new MustacheMailTemplates(mail -> "unused", null);
        names.forEach(name -> templates.load(owner, name));
        return names;
    }
}
