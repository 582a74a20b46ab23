package io.clientele.platform.api.tenancy;

import io.clientele.platform.api.domain.Refusal;
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
     * @throws Refused {@link Refused.Reason#INVALID_INPUT} naming every bad field ({@code name}, {@code slug},
     *                 {@code modules}, {@code locale}, {@code admin}, {@code admin.email}, …);
     *                 {@link Refused.Reason#SLUG_TAKEN} naming {@code slug}
     */
    Agency create(NewAgency request);

    /**
     * Replaces the agency's subscribed modules; unknown module ids are allowed (installed later).
     *
     * @throws Refused {@link Refused.Reason#INVALID_INPUT} naming {@code modules}; {@link Refused.Reason#AGENCY_NOT_FOUND}
     */
    Agency setModules(String slug, Set<String> modules);

    /**
     * Sets the agency's language ({@code pt-BR} or {@code en}), what its e-mails are written in.
     *
     * @throws Refused {@link Refused.Reason#INVALID_INPUT} naming {@code locale} for another language;
     *                 {@link Refused.Reason#AGENCY_NOT_FOUND}
     * @since 1.2.0
     */
    Agency setLocale(String slug, String locale);

    /** Whether the agency subscribes to the module (cached; cheap enough for every request). */
    boolean isSubscribed(String agencyId, String moduleId);

    /**
     * Why the directory refused a call (until 1.3.0 these were the HTTP {@code ProblemException}s 400, 404 and 409 the
     * REST edge still answers them as).
     *
     * @since 1.3.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** Fields are invalid; {@link #fields()} names each. */
            @As(Kind.INVALID) INVALID_INPUT,
            /** Another agency has the slug (field {@code slug}). */
            @As(Kind.CONFLICT) SLUG_TAKEN,
            /** No agency has the slug. */
            @As(Kind.NOT_FOUND) AGENCY_NOT_FOUND
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        /** {@link Reason#INVALID_INPUT} naming these fields. */
        public static Refused invalid(List<Field> fields) {
            return invalid(Refused::new, Reason.INVALID_INPUT, fields);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }

    /** {@code locale}: the agency's language, {@code pt-BR} (the default, when null) or {@code en}. */
    record NewAgency(String name, String slug, Set<String> modules, String adminName, String adminEmail,
                     String adminPassword, String locale) {

        /** An agency in the default language. */
        public NewAgency(String name, String slug, Set<String> modules, String adminName, String adminEmail, String adminPassword) {
            this(name, slug, modules, adminName, adminEmail, adminPassword, null);
        }
    }
}
