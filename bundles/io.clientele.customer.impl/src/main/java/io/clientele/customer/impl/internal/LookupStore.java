package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.customer.api.LookupService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The agency's lookup lists (customer_lookup), scoped through {@link TenantTable}. */
@Component(service = {LookupService.class, LookupStore.class})
public class LookupStore implements LookupService {

    static final int MAX_NAME = 120;

    private final Database database;
    private final TenantTable lookups;

    @Activate
    public LookupStore(@Reference Database database, @Reference CustomerSchema schema) {
        this.database = database;
        this.lookups = new TenantTable(database, "customer_lookup");
    }

    @Override
    public List<Lookup> list(LookupKind kind, boolean includeInactive) {
        return lookups.find(includeInactive ? "kind = ?" : "kind = ? AND active = ?",
                includeInactive ? List.of(kind) : List.of(kind, true), "name_lower, id", 0, LookupStore::map);
    }

    @Override
    public Optional<Lookup> find(LookupKind kind, String id) {
        return lookups.findById(id, LookupStore::map).filter(l -> l.kind() == kind);
    }

    @Override
    public Optional<Lookup> findActiveByName(LookupKind kind, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return lookups.find("kind = ? AND name_lower = ? AND active = ?", List.of(kind, name.trim().toLowerCase(Locale.ROOT), true),
                null, 1, LookupStore::map).stream().findFirst();
    }

    @Override
    public List<String> unusableIds(LookupKind kind, Collection<String> ids) {
        List<String> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(List.of(kind, true));
        params.addAll(wanted);
        Set<String> usable = new HashSet<>(lookups.find("kind = ? AND active = ? AND id IN ("
                + String.join(", ", Collections.nCopies(wanted.size(), "?")) + ")", params, null, 0, rs -> rs.getString("id")));
        return wanted.stream().filter(id -> !usable.contains(id)).toList();
    }

    public Lookup create(LookupKind kind, String name) {
        String clean = checkName(name);
        String id = Jdbc.newId();
        Instant now = Instant.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("kind", kind);
        row.put("name", clean);
        row.put("name_lower", clean.toLowerCase(Locale.ROOT));
        row.put("active", true);
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        return database.inTransaction(c -> {
            try {
                lookups.insert(row);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("name", "This list already has an entry with this name.");
            }
            return find(kind, id).orElseThrow();
        });
    }

    /** Renames and/or (de)activates an entry; a deactivated entry stays readable on records that use it. */
    public Lookup update(LookupKind kind, String id, Long expectedVersion, String name, Boolean active) {
        String clean = name == null ? null : checkName(name);
        return database.inTransaction(c -> {
            Lookup current = find(kind, id).orElseThrow(() -> ProblemException.notFound("Lookup " + id));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw ProblemException.preconditionFailed("The entry changed since it was read; read it again and retry.");
            }
            Map<String, Object> set = new LinkedHashMap<>();
            if (clean != null) {
                set.put("name", clean);
                set.put("name_lower", clean.toLowerCase(Locale.ROOT));
            }
            if (active != null) {
                set.put("active", active);
            }
            set.put("updated_at", Instant.now());
            try {
                if (lookups.update(id, current.version(), set) != 1) {
                    throw ProblemException.preconditionFailed("The entry changed since it was read; read it again and retry.");
                }
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("name", "This list already has an entry with this name.");
            }
            return find(kind, id).orElseThrow();
        });
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

    static Lookup map(ResultSet rs) throws SQLException {
        return new Lookup(rs.getString("id"), LookupKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getBoolean("active"), rs.getLong("version"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }
}
