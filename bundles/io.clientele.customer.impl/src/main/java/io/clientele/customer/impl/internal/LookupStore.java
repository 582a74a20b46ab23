package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.api.LookupService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The agency's lookup lists ({@link LookupRecord}, customer_lookup) on the registry's persistence unit. */
@Component(service = {LookupService.class, LookupStore.class})
public class LookupStore implements LookupService {

    static final int MAX_NAME = 120;

    private final EntityWork work;

    @Activate
    public LookupStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                       @Reference CustomerSchema schema) {
        this.work = new EntityWork(database, unit);
    }

    /** A list by name, as the API has always listed it: one query, never paged. */
    @Override
    public List<Lookup> list(LookupKind kind, boolean includeInactive) {
        return work.inTransaction(em -> {
            TypedQuery<LookupRecord> query = em.createQuery("SELECT l FROM CustomerLookup l WHERE l.kind = :kind"
                    + (includeInactive ? "" : " AND l.active = :active") + " ORDER BY l.nameLower, l.id", LookupRecord.class)
                    .setParameter("kind", kind);
            if (!includeInactive) {
                query.setParameter("active", true);
            }
            return query.getResultStream().map(LookupRecord::toApi).toList();
        });
    }

    @Override
    public Optional<Lookup> find(LookupKind kind, String id) {
        return work.inTransaction(em -> record(em, kind, id)).map(LookupRecord::toApi);
    }

    private static Optional<LookupRecord> record(EntityManager em, LookupKind kind, String id) {
        return Optional.ofNullable(id == null ? null : em.find(LookupRecord.class, id)).filter(l -> l.kind() == kind);
    }

    @Override
    public Optional<Lookup> findActiveByName(LookupKind kind, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return work.inTransaction(em -> em.createQuery("SELECT l FROM CustomerLookup l WHERE l.kind = :kind AND l.nameLower = :name"
                        + " AND l.active = :active", LookupRecord.class)
                .setParameter("kind", kind).setParameter("name", name.trim().toLowerCase(Locale.ROOT)).setParameter("active", true)
                .setMaxResults(1).getResultStream().findFirst().map(LookupRecord::toApi));
    }

    @Override
    public List<String> unusableIds(LookupKind kind, Collection<String> ids) {
        List<String> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> usable = new HashSet<>(work.inTransaction(em -> em.createQuery("SELECT l.id FROM CustomerLookup l"
                        + " WHERE l.kind = :kind AND l.active = :active AND l.id IN :ids", String.class)
                .setParameter("kind", kind).setParameter("active", true).setParameter("ids", wanted).getResultList()));
        return wanted.stream().filter(id -> !usable.contains(id)).toList();
    }

    public Lookup create(LookupKind kind, String name) {
        String clean = checkName(name);
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        return uniqueName(() -> work.inTransaction(em -> {
            LookupRecord record = new LookupRecord(id, kind, clean, now);
            em.persist(record);
            em.flush();
            return record.toApi();
        }));
    }

    /** Renames and/or (de)activates an entry; a deactivated entry stays readable on records that use it. */
    public Lookup update(LookupKind kind, String id, Long expectedVersion, String name, Boolean active) {
        String clean = name == null ? null : checkName(name);
        return uniqueName(() -> work.inTransaction(em -> {
            LookupRecord record = record(em, kind, id).orElseThrow(() -> ProblemException.notFound("Lookup " + id));
            record.requireVersion(expectedVersion, "entry");
            if (clean != null) {
                record.rename(clean);
            }
            if (active != null) {
                record.active(active);
            }
            record.touch(EntityWork.now()); // every update is a new version, even one changing nothing
            em.flush();
            return record.toApi();
        }));
    }

    /** Runs a write; a name the list already has (the unique key on kind and lower-case name) is 409 on {@code name}. */
    private static Lookup uniqueName(Supplier<Lookup> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("name", "This list already has an entry with this name.");
        }
    }

    static String checkName(String name) {
        FieldErrors errors = new FieldErrors();
        if (name == null || name.isBlank()) {
            errors.add("name", "is required");
        } else if (name.trim().length() > MAX_NAME) {
            errors.add("name", "must have at most " + MAX_NAME + " characters");
        }
        errors.throwIfAny();
        return name.trim();
    }
}
