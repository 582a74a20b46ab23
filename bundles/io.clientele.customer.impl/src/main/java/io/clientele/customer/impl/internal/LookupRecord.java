package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import java.util.Locale;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/** One entry of an agency's lookup lists as stored ({@code customer_lookup}); the name is unique per list, ignoring case. */
@Entity(name = "CustomerLookup")
@Table(name = "customer_lookup")
public class LookupRecord extends TenantOwned {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 32, nullable = false, updatable = false)
    private LookupKind kind;

    @Column(name = "name", length = 120, nullable = false)
    private String name;

    @Column(name = "name_lower", length = 120, nullable = false)
    private String nameLower;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LookupRecord() {
    }

    /** A new, active entry named {@code name} (already checked and trimmed). */
    LookupRecord(String id, LookupKind kind, String name, Instant now) {
        super(id);
        this.kind = kind;
        this.active = true;
        this.createdAt = now;
        rename(name);
        this.updatedAt = now;
    }

    void rename(String name) {
        this.name = name;
        this.nameLower = name.toLowerCase(Locale.ROOT);
    }

    void active(boolean active) {
        this.active = active;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    LookupKind kind() {
        return kind;
    }

    Lookup toApi() {
        return new Lookup(id(), kind, name, active, version(), createdAt, updatedAt);
    }
}
