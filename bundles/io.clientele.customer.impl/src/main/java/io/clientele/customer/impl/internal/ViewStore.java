package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Each user's saved views of the customer list: chosen columns and filters, at most one default. */
@Component(service = ViewStore.class)
public class ViewStore {

    /** Columns a view may show: the customer's fields, nested ones as {@code address.city}. */
    static final Set<String> COLUMNS = Set.of("name", "companyName", "personType", "documentNumber", "email", "phone", "website",
            "segmentId", "statusId", "attractionChannelId", "sectorId", "responsibleManagerId", "serviceManagerId", "assistantId",
            "followerIds", "groupId", "projectTemplateId", "restricted", "supplier", "receivePromotionalEmails",
            "publishDigitalMedia", "portalAccess", "address.postalCode", "address.street", "address.number", "address.complement",
            "address.district", "address.city", "address.state", "address.country", "complementary.bankName",
            "complementary.bankBranch", "complementary.bankAccount", "complementary.discountPercent", "complementary.billingType",
            "complementary.paymentCondition", "complementary.paymentDay", "complementary.productsAndServiceIds", "invoiceTypeIds",
            "createdAt", "updatedAt", "archived");
    /** Filters a view may keep: the list's query parameters. */
    static final Set<String> FILTERS = Set.of("q", "segmentId", "statusId", "attractionChannelId", "sectorId",
            "responsibleManagerId", "city", "state", "supplier", "restricted", "groupId", "createdFrom", "createdTo", "updatedSince",
            "updatedTo", "archived", "sort");
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public record View(String id, String name, List<String> columns, Map<String, Object> filters, boolean isDefault, long version,
                       Instant createdAt, Instant updatedAt) {
    }

    private final Database database;
    private final TenantTable views;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ViewStore(@Reference Database database, @Reference CustomerSchema schema) {
        this.database = database;
        this.views = new TenantTable(database, "customer_view");
    }

    public List<View> mine() {
        return views.find("user_id = ?", List.of(me()), "is_default DESC, name_lower, id", 0, this::map);
    }

    public View get(String id) {
        return views.find("id = ? AND user_id = ?", List.of(id, me()), null, 1, this::map).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("View " + id));
    }

    public View create(String name, List<String> columns, Map<String, Object> filters, Boolean isDefault) {
        check(name, columns, filters);
        String id = Jdbc.newId();
        Instant now = Instant.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("user_id", me());
        row.put("name", name.trim());
        row.put("name_lower", name.trim().toLowerCase(Locale.ROOT));
        row.put("columns_json", write(columns));
        row.put("filters_json", write(filters == null ? Map.of() : filters));
        row.put("is_default", Boolean.TRUE.equals(isDefault));
        row.put("version", 0L);
        row.put("created_at", now);
        row.put("updated_at", now);
        return database.inTransaction(c -> {
            if (Boolean.TRUE.equals(isDefault)) {
                clearDefault();
            }
            try {
                views.insert(row);
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("name", "You already have a view with this name.");
            }
            return get(id);
        });
    }

    public View update(String id, Long expectedVersion, String name, List<String> columns, Map<String, Object> filters, Boolean isDefault) {
        return database.inTransaction(c -> {
            View before = get(id);
            if (expectedVersion != null && expectedVersion != before.version()) {
                throw ProblemException.preconditionFailed("The view changed since it was read; read it again and retry.");
            }
            String newName = name == null ? before.name() : name;
            List<String> newColumns = columns == null ? before.columns() : columns;
            Map<String, Object> newFilters = filters == null ? before.filters() : filters;
            check(newName, newColumns, newFilters);
            if (Boolean.TRUE.equals(isDefault) && !before.isDefault()) {
                clearDefault();
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("name", newName.trim());
            set.put("name_lower", newName.trim().toLowerCase(Locale.ROOT));
            set.put("columns_json", write(newColumns));
            set.put("filters_json", write(newFilters));
            set.put("is_default", isDefault == null ? before.isDefault() : isDefault);
            set.put("updated_at", Instant.now());
            try {
                if (views.update(id, before.version(), set) != 1) {
                    throw ProblemException.preconditionFailed("The view changed since it was read; read it again and retry.");
                }
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("name", "You already have a view with this name.");
            }
            return get(id);
        });
    }

    public void delete(String id) {
        get(id);
        views.delete("id = ? AND user_id = ?", List.of(id, me()));
    }

    private void clearDefault() {
        for (View v : mine()) {
            if (v.isDefault()) {
                views.update(v.id(), null, Map.of("is_default", false, "updated_at", Instant.now()));
            }
        }
    }

    static void check(String name, List<String> columns, Map<String, Object> filters) {
        FieldErrors errors = new FieldErrors();
        if (name == null || name.isBlank()) {
            errors.add("name", "is required");
        } else if (name.trim().length() > 100) {
            errors.add("name", "must have at most 100 characters");
        }
        if (columns == null || columns.isEmpty()) {
            errors.add("columns", "must name at least one column");
        } else {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) == null || !COLUMNS.contains(columns.get(i))) {
                    errors.add("columns[" + i + "]", "is not a customer column");
                }
            }
        }
        if (filters != null) {
            filters.forEach((key, value) -> {
                if (!FILTERS.contains(key)) {
                    errors.add("filters." + key, "is not a customer list filter");
                } else if (!(value instanceof String || value instanceof Boolean) || String.valueOf(value).length() > 200) {
                    errors.add("filters." + key, "must be a text or true/false of at most 200 characters");
                }
            });
        }
        errors.throwIfAny();
    }

    private static String me() {
        return RequestContext.principal().id();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private View map(ResultSet rs) throws SQLException {
        try {
            return new View(rs.getString("id"), rs.getString("name"), json.readValue(rs.getString("columns_json"), LIST),
                    json.readValue(rs.getString("filters_json"), MAP), rs.getBoolean("is_default"), rs.getLong("version"),
                    Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable view", e);
        }
    }
}
