package io.clientele.platform.impl.internal.agency;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.tenancy.AgencyDirectory.Refused;
import io.clientele.platform.api.tenancy.AgencyDirectory.Refused.Reason;
import io.clientele.platform.api.tenancy.AgencyEvents;
import io.clientele.platform.impl.internal.users.UserStore;
import io.clientele.platform.jpa.EntityWork;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Agencies and their subscriptions, on the platform's persistence unit ({@link AgencyRecord}, shared across agencies:
 * read before any agency is known, so through {@link EntityWork#acrossAgencies}). Subscriptions are cached for a few
 * seconds per agency so the module gate costs nothing per request; a change made on this node applies at once, one made
 * on another node within {@link #CACHE_MILLIS}.
 */
@Component(service = {AgencyDirectory.class, AgencyStore.class})
public class AgencyStore implements AgencyDirectory {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$");
    public static final Pattern MODULE_ID = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");
    private static final Set<String> RESERVED_SLUGS = Set.of("api", "app", "portal", "platform", "admin", "www", "static");
    static final long CACHE_MILLIS = 5_000;

    private final EntityWork work;
    private final UserStore users;
    private final DomainEvents events;
    private final Map<String, Subscriptions> cache = new ConcurrentHashMap<>();

    private record Subscriptions(Set<String> modules, long loadedAt) {
    }

    @Activate
    public AgencyStore(@Reference Database database, @Reference(target = "(osgi.unit.name=platform)") EntityManagerFactory unit,
                       @Reference UserStore users, @Reference DomainEvents events) {
        this.work = new EntityWork(database, unit);
        this.users = users;
        this.events = events;
    }

    @Override
    public Optional<Agency> findBySlug(String slug) {
        return work.acrossAgencies(em -> bySlug(em, slug).map(AgencyRecord::toApi));
    }

    @Override
    public Optional<Agency> findById(String id) {
        return work.acrossAgencies(em -> Optional.ofNullable(em.find(AgencyRecord.class, id)).map(AgencyRecord::toApi));
    }

    /** Every agency in slug order (not paged: an operator's list, a few hundred rows at most). */
    @Override
    public List<Agency> list() {
        return work.acrossAgencies(em -> em.createQuery("SELECT a FROM Agency a ORDER BY a.slug", AgencyRecord.class)
                .setHint("eclipselink.batch", "a.modules").setHint("eclipselink.batch.type", "IN") // modules: one query, not one each
                .getResultList().stream().map(AgencyRecord::toApi).toList());
    }

    @Override
    public Agency create(NewAgency request) {
        FieldErrors errors = new FieldErrors();
        if (request.name() == null || request.name().isBlank()) {
            errors.add("name", "is required");
        } else if (request.name().trim().length() > 200) {
            errors.add("name", "must have at most 200 characters");
        }
        checkSlug(errors, request.slug());
        checkModules(errors, "modules", request.modules());
        String locale = request.locale() == null ? Agency.DEFAULT_LOCALE : checkLocale(errors, request.locale());
        UserStore.NewUser admin = new UserStore.NewUser(request.adminName(), request.adminEmail(), Set.of(Role.ADMIN),
                request.adminPassword());
        if (request.adminName() == null && request.adminEmail() == null && request.adminPassword() == null) {
            errors.add("admin", "is required: the agency's first ADMIN user");
        } else {
            users.check(admin, "admin.", errors);
        }
        errors.refuseIfAny(Refused::invalid);
        String id = Jdbc.newId();
        Set<String> modules = request.modules() == null ? Set.of() : new TreeSet<>(request.modules());
        try {
            work.acrossAgencies(em -> {
                em.persist(new AgencyRecord(id, request.slug(), request.name().trim(), locale, modules, EntityWork.now()));
                em.flush(); // the admin user's row references it, written by the user store's own EntityManager
                RequestContext.runAs(Principal.system(id, request.slug(), "agency setup"), () -> {
                    users.create(admin, "admin.");
                    events.publish(AgencyEvents.AGENCY_CREATED, Map.of("slug", request.slug()));
                });
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw Refusal.onField(Refused::new, Reason.SLUG_TAKEN, "slug", "An agency with this slug already exists.");
        }
        cache.remove(id);
        return findById(id).orElseThrow();
    }

    @Override
    public Agency setModules(String slug, Set<String> modules) {
        FieldErrors errors = new FieldErrors();
        if (modules == null) {
            errors.add("modules", "is required (an empty list unsubscribes every module)");
        } else {
            checkModules(errors, "modules", modules);
        }
        errors.refuseIfAny(Refused::invalid);
        Agency changed = work.acrossAgencies(em -> {
            AgencyRecord agency = bySlug(em, slug).orElseThrow(() -> agencyNotFound(slug));
            agency.subscribe(new TreeSet<>(modules));
            em.flush();
            RequestContext.runAs(Principal.system(agency.id(), slug, "operator"), () -> events.publish(
                    AgencyEvents.MODULES_CHANGED, Map.of("slug", slug, "modules", String.join(",", new TreeSet<>(modules)))));
            return agency.toApi();
        });
        cache.remove(changed.id());
        return changed;
    }

    @Override
    public Agency setLocale(String slug, String locale) {
        FieldErrors errors = new FieldErrors();
        String tag = checkLocale(errors, locale);
        errors.refuseIfAny(Refused::invalid);
        return work.acrossAgencies(em -> {
            AgencyRecord agency = bySlug(em, slug).orElseThrow(() -> agencyNotFound(slug));
            agency.locale(tag);
            em.flush();
            return agency.toApi();
        });
    }

    private static Refused agencyNotFound(String slug) {
        return Refusal.notFound(Refused::new, Reason.AGENCY_NOT_FOUND, "Agency " + slug);
    }

    /** The supported language the tag names, as stored ({@code pt-BR}, {@code en}); any other is a field error. */
    static String checkLocale(FieldErrors errors, String locale) {
        if (locale != null) {
            for (Locale supported : MailTemplates.LANGUAGES) {
                if (supported.toLanguageTag().equalsIgnoreCase(locale.trim())) {
                    return supported.toLanguageTag();
                }
            }
        }
        errors.add("locale", "must be one of " + MailTemplates.LANGUAGES.stream().map(Locale::toLanguageTag).toList());
        return null;
    }

    @Override
    public boolean isSubscribed(String agencyId, String moduleId) {
        long now = System.currentTimeMillis();
        Subscriptions s = cache.get(agencyId);
        if (s == null || now - s.loadedAt() > CACHE_MILLIS) {
            Set<String> modules = work.acrossAgencies(em -> Optional.ofNullable(em.find(AgencyRecord.class, agencyId))
                    .map(AgencyRecord::modules).orElse(Set.of()));
            s = new Subscriptions(modules, now);
            cache.put(agencyId, s);
        }
        return s.modules().contains(moduleId);
    }

    private static Optional<AgencyRecord> bySlug(EntityManager em, String slug) {
        return em.createQuery("SELECT a FROM Agency a WHERE a.slug = :slug", AgencyRecord.class).setParameter("slug", slug)
                .getResultList().stream().findFirst();
    }

    static void checkSlug(FieldErrors errors, String slug) {
        if (slug == null || slug.isBlank()) {
            errors.add("slug", "is required");
        } else if (!SLUG.matcher(slug).matches()) {
            errors.add("slug", "must be 3-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen");
        } else if (RESERVED_SLUGS.contains(slug)) {
            errors.add("slug", "is reserved");
        }
    }

    static void checkModules(FieldErrors errors, String field, Set<String> modules) {
        if (modules == null) {
            return;
        }
        int i = 0;
        for (String m : modules) {
            if (m == null || !MODULE_ID.matcher(m).matches()) {
                errors.add(field + "[" + i + "]", "is not a module id (lower-case letters, digits, hyphens)");
            }
            i++;
        }
    }
}
