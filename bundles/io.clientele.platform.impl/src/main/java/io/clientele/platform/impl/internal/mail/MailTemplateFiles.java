package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.api.mail.MailTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The naming of template files ({@code mail/<name>.<language>.txt}, optional {@code .html}) and the check that every
 * template of a bundle exists in every language, used when a bundle's template is loaded and by each bundle's unit test
 * over its {@code src/main/resources/mail}.
 */
public final class MailTemplateFiles {

    /** The folder of a bundle's templates. */
    public static final String FOLDER = "mail";

    private static final Pattern FILE = Pattern.compile("([a-z0-9][a-z0-9-]*)\\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\\.(txt|html)");

    private MailTemplateFiles() {
    }

    /** The resource path of a template's part in one language, e.g. {@code mail/portal-invitation.pt-BR.txt}. */
    public static String path(String name, Locale language, String extension) {
        return FOLDER + "/" + name + "." + language.toLanguageTag() + "." + extension;
    }

    /**
     * What is wrong with a set of template file names (names only, no folder): a file not named
     * {@code <name>.<language>.txt|html}, a language that is not one of {@link MailTemplates#LANGUAGES}, a template
     * missing in a language, an HTML part present in some languages only. Empty when complete.
     */
    public static List<String> problems(Collection<String> fileNames) {
        List<String> problems = new ArrayList<>();
        TreeMap<String, Set<String>> parts = new TreeMap<>(); // name -> "<language>.<ext>"
        Set<String> languages = new TreeSet<>();
        for (Locale l : MailTemplates.LANGUAGES) {
            languages.add(l.toLanguageTag());
        }
        for (String file : new TreeSet<>(fileNames)) {
            Matcher m = FILE.matcher(file);
            if (!m.matches()) {
                problems.add(FOLDER + "/" + file + ": not named <template>.<language>.txt or .html");
            } else if (!languages.contains(m.group(2))) {
                problems.add(FOLDER + "/" + file + ": language " + m.group(2) + " is not one of " + languages);
            } else {
                parts.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2) + "." + m.group(3));
            }
        }
        parts.forEach((name, present) -> {
            boolean html = present.stream().anyMatch(p -> p.endsWith(".html"));
            for (String language : languages) {
                if (!present.contains(language + ".txt")) {
                    problems.add(FOLDER + "/" + name + "." + language + ".txt is missing");
                }
                if (html && !present.contains(language + ".html")) {
                    problems.add(FOLDER + "/" + name + "." + language + ".html is missing (the template has an HTML part in another language)");
                }
            }
        });
        return problems;
    }

    /** {@link #problems(Collection)} of the template files in a folder (a bundle's {@code src/main/resources/mail}). */
    public static List<String> problems(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return problems(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template names in a folder's file names (for tests that load each of them). */
    public static Set<String> names(Collection<String> fileNames) {
        Set<String> names = new TreeSet<>();
        for (String file : fileNames) {
            Matcher m = FILE.matcher(file);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
