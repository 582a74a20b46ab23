package io.clientele.platform.impl.internal.agency;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.tenancy.AgencyEvents;
import io.clientele.platform.impl.internal.users.UserStore;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Agencies and their subscriptions. Subscriptions are cached for a few seconds per agency so the module
 * gate costs nothing per request; a change made on this node applies at once, one made on another node
 * within {@link #CACHE_MILLIS}.
 */
@Component(service = {AgencyDirectory.class, AgencyStore.class})
public class AgencyStore implements AgencyDirectory {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$");
    public static final Pattern MODULE_ID = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");
    private static final Set<String> RESERVED_SLUGS = Set.of("api", "app", "portal", "platform", "admin", "www", "static");
    static final long CACHE_MILLIS = 5_000;

    private final Database database;
    private final UserStore users;
    private final DomainEvents events;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Subscriptions> cache = new ConcurrentHashMap<>();

    private record Subscriptions(Set<String> modules, long loadedAt) {
    }

    @Activate
    public AgencyStore(@Reference Database database, @Reference UserStore users, @Reference DomainEvents events) {
        this.database = database;
        this.users = users;
        this.events = events;
    }

    @Override
    public Optional<Agency> findBySlug(String slug) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT id FROM platform_agency WHERE slug = ?",
                rs -> rs.getString(1), slug).flatMap(id -> load(c, id)));
    }

    @Override
    public Optional<Agency> findById(String id) {
        return database.inTransaction(c -> load(c, id));
    }

    @Override
    public List<Agency> list() {
        return database.inTransaction(c -> {
            Map<String, Set<String>> modules = new java.util.HashMap<>();
            Jdbc.query(c, "SELECT agency_id, module_id FROM platform_agency_module", rs -> modules
                    .computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
            return Jdbc.query(c, "SELECT id, slug, name, created_at FROM platform_agency ORDER BY slug",
                    rs -> new Agency(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                            modules.getOrDefault(rs.getString("id"), Set.of()), Jdbc.instant(rs, "created_at")));
        });
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
        UserStore.NewUser admin = new UserStore.NewUser(request.adminName(), request.adminEmail(), Set.of(Role.ADMIN),
                request.adminPassword());
        if (request.adminName() == null && request.adminEmail() == null && request.adminPassword() == null) {
            errors.add("admin", "is required: the agency's first ADMIN user");
        } else {
            users.check(admin, "admin.", errors);
        }
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = clock.instant();
        Set<String> modules = request.modules() == null ? Set.of() : new TreeSet<>(request.modules());
        database.inTransaction(c -> {
            try {
                Jdbc.update(c, "INSERT INTO platform_agency (id, slug, name, created_at) VALUES (?, ?, ?, ?)",
                        id, request.slug(), request.name().trim(), now);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("slug", "An agency with this slug already exists.");
            }
            writeModules(c, id, modules);
            RequestContext.runAs(Principal.system(id, request.slug(), "agency setup"), () -> {
                users.create(admin, "admin.");
                events.publish(AgencyEvents.AGENCY_CREATED, Map.of("slug", request.slug()));
            });
            return null;
        });
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
        errors.throwIfAny();
        Agency agency = findBySlug(slug).orElseThrow(() -> ProblemException.notFound("Agency " + slug));
        database.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM platform_agency_module WHERE agency_id = ?", agency.id());
            writeModules(c, agency.id(), new TreeSet<>(modules));
            RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "operator"), () -> events.publish(
                    AgencyEvents.MODULES_CHANGED, Map.of("slug", slug, "modules", String.join(",", new TreeSet<>(modules)))));
            return null;
        });
        cache.remove(agency.id());
        return findById(agency.id()).orElseThrow();
    }

    @Override
    public boolean isSubscribed(String agencyId, String moduleId) {
        long now = System.currentTimeMillis();
        Subscriptions s = cache.get(agencyId);
        if (s == null || now - s.loadedAt() > CACHE_MILLIS) {
            s = new Subscriptions(database.inTransaction(c -> modulesOf(c, agencyId)), now);
            cache.put(agencyId, s);
        }
        return s.modules().contains(moduleId);
    }

    private Optional<Agency> load(Connection c, String id) {
        return Jdbc.queryOne(c, "SELECT id, slug, name, created_at FROM platform_agency WHERE id = ?",
                rs -> new Agency(rs.getString("id"), rs.getString("slug"), rs.getString("name"), modulesOf(c, id),
                        Jdbc.instant(rs, "created_at")), id);
    }

    private static Set<String> modulesOf(Connection c, String agencyId) {
        return new TreeSet<>(Jdbc.query(c, "SELECT module_id FROM platform_agency_module WHERE agency_id = ?",
                rs -> rs.getString(1), agencyId));
    }

    private static void writeModules(Connection c, String agencyId, Set<String> modules) {
        for (String m : modules) {
            Jdbc.update(c, "INSERT INTO platform_agency_module (agency_id, module_id) VALUES (?, ?)", agencyId, m);
        }
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
