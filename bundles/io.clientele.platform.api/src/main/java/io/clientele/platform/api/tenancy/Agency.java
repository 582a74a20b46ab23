package io.clientele.platform.api.tenancy;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant of the platform. {@code modules} are the module ids it subscribes to (installed or not), sorted.
 * {@code locale} is the agency's language as a BCP 47 tag ({@code pt-BR} or {@code en}): what its e-mails are written in
 * when the recipient has no language of its own (since 1.2.0; {@code pt-BR} when not given).
 */
public record Agency(String id, String slug, String name, Set<String> modules, Instant createdAt, String locale) {

    /** The agency's language when none was chosen. */
    public static final String DEFAULT_LOCALE = "pt-BR";

    public Agency {
        modules = Collections.unmodifiableSortedSet(modules == null ? new TreeSet<>() : new TreeSet<>(modules));
        locale = locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale;
    }

    /** An agency in the default language. */
    public Agency(String id, String slug, String name, Set<String> modules, Instant createdAt) {
        this(id, slug, name, modules, createdAt, DEFAULT_LOCALE);
    }
}
