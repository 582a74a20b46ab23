package io.clientele.ijob.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * A job template as stored ({@code ijob_template}): its briefing questions and pieces with their steps are one JSON
 * definition ({@link TemplateStore.Definition}), as the schema keeps them. Liquibase owns the table.
 */
@Entity(name = "JobTemplate")
@Table(name = "ijob_template")
public class TemplateRecord extends TenantOwned {

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Lob
    @Column(name = "definition", length = Integer.MAX_VALUE, nullable = false)
    private String definition;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TemplateRecord() {
    }

    TemplateRecord(String id, String name, String definition, Instant now) {
        super(id);
        this.name = name;
        this.definition = definition;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void replace(String name, String definition, Instant now) {
        this.name = name;
        this.definition = definition;
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deleted = true;
        this.updatedAt = now;
    }

    String name() {
        return name;
    }

    String definition() {
        return definition;
    }

    boolean deleted() {
        return deleted;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
