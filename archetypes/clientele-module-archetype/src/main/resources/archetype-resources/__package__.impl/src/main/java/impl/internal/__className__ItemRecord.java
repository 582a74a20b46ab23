package ${package}.impl.internal;

import ${package}.api.${className}Item;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An item as stored ({@code ${moduleId}_item}); Liquibase owns the table ({@code db/clientele-${moduleId}.xml}).
 * {@link TenantOwned}: EclipseLink adds the request's agency to every query and write of it, and its {@code version}
 * makes a write over a changed row a 412.
 */
@Entity(name = "${className}Item")
@Table(name = "${moduleId}_item")
public class ${className}ItemRecord extends TenantOwned implements CreationOrder {

    @Column(name = "title", length = 200, nullable = false)
    private String title;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ${className}ItemRecord() {
    }

    ${className}ItemRecord(String id, String title, Instant now) {
        super(id);
        this.title = title;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String title() {
        return title;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    ${className}Item toApi() {
        return new ${className}Item(id(), title, version(), createdAt, updatedAt);
    }
}
