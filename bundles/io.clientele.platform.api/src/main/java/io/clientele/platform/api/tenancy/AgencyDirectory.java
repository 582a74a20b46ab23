package io.clientele.platform.api.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Agencies and their module subscriptions. Operator-level: not scoped to the request's agency. */
@ProviderType
public interface AgencyDirectory {

    Optional<Agency> findBySlug(String slug);

    Optional<Agency> findById(String id);

    List<Agency> list();

    /**
     * Creates an agency with its first ADMIN user, in one transaction.
     *
     * @throws io.clientele.platform.api.rest.ProblemException 400 naming bad fields, 409 when the slug is taken
     */
    Agency create(NewAgency request);

    /** Replaces the agency's subscribed modules; unknown module ids are allowed (installed later). */
    Agency setModules(String slug, Set<String> modules);

    /**
     * Sets the agency's language ({@code pt-BR} or {@code en}), what its e-mails are written in.
     *
     * @throws io.clientele.platform.api.rest.ProblemException 400 for another language, 404 for an unknown agency
     * @since 1.2.0
     */
    Agency setLocale(String slug, String locale);

    /** Whether the agency subscribes to the module (cached; cheap enough for every request). */
    boolean isSubscribed(String agencyId, String moduleId);

    /** {@code locale}: the agency's language, {@code pt-BR} (the default, when null) or {@code en}. */
    record NewAgency(String name, String slug, Set<String> modules, String adminName, String adminEmail,
                     String adminPassword, String locale) {

        /** An agency in the default language. */
        public NewAgency(String name, String slug, Set<String> modules, String adminName, String adminEmail, String adminPassword) {
            this(name, slug, modules, adminName, adminEmail, adminPassword, null);
        }
    }
}
