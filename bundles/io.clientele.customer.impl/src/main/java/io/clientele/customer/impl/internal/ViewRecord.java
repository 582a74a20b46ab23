package io.clientele.customer.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import java.util.Locale;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A user's saved view of the customer list as stored ({@code customer_view}): its columns and filters are kept as JSON
 * text, written and read by {@link ViewStore}.
 */
@Entity(name = "CustomerView")
@Table(name = "customer_view")
public class ViewRecord extends TenantOwned {

    @Column(name = "user_id", length = 36, nullable = false, updatable = false)
    private String userId;

    @Column(name = "name", length = 100, nullable = false)
    private String name;

    /** The name in lower case: unique per user, and the list's order. */
    @Column(name = "name_lower", length = 100, nullable = false)
    private String nameLower;

    @Column(name = "columns_json", length = 4000, nullable = false)
    private String columnsJson;

    @Column(name = "filters_json", length = 4000, nullable = false)
    private String filtersJson;

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ViewRecord() {
    }

    ViewRecord(String id, String userId, String name, String columnsJson, String filtersJson, boolean isDefault, Instant now) {
        super(id);
        this.userId = userId;
        this.createdAt = now;
        change(name, columnsJson, filtersJson, isDefault, now);
    }

    void change(String name, String columnsJson, String filtersJson, boolean isDefault, Instant now) {
        this.name = name.trim();
        this.nameLower = this.name.toLowerCase(Locale.ROOT);
        this.columnsJson = columnsJson;
        this.filtersJson = filtersJson;
        this.isDefault = isDefault;
        this.updatedAt = now;
    }

    /** No longer the user's default view (another one became it). */
    void undefault(Instant now) {
        this.isDefault = false;
        this.updatedAt = now;
    }

    String userId() {
        return userId;
    }

    String name() {
        return name;
    }

    String columnsJson() {
        return columnsJson;
    }

    String filtersJson() {
        return filtersJson;
    }

    boolean isDefault() {
        return isDefault;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
