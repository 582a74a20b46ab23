package io.clientele.platform.impl.internal.agency;

import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.jpa.SharedAcrossAgencies;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;

/**
 * An agency as stored ({@code platform_agency}) with the modules it subscribes to ({@code platform_agency_module}). The
 * table has no {@code version} column and the API shows no version of an agency: its changes (the subscriptions) replace
 * the set, last write wins, as the JDBC store did.
 */
@Entity(name = "Agency")
@Table(name = "platform_agency")
@SharedAcrossAgencies(reason = "the agencies themselves: the table every agency_id references, read before any agency is known")
public class AgencyRecord {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "slug", length = 63, nullable = false, updatable = false)
    private String slug;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Column(name = "locale", length = 16, nullable = false)
    private String locale;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "platform_agency_module", joinColumns = @JoinColumn(name = "agency_id", nullable = false))
    @Column(name = "module_id", length = 64, nullable = false)
    private Set<String> modules = new TreeSet<>();

    protected AgencyRecord() {
    }

    /** A new agency (fields already checked; {@code name} trimmed). */
    AgencyRecord(String id, String slug, String name, String locale, Set<String> modules, Instant createdAt) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.locale = locale;
        this.createdAt = createdAt;
        this.modules.addAll(modules);
    }

    String id() {
        return id;
    }

    /** The modules the agency subscribes to, in module-id order. */
    Set<String> modules() {
        return new TreeSet<>(modules);
    }

    /** Replaces the subscriptions: modules no longer named are removed, new ones added. */
    void subscribe(Set<String> wanted) {
        modules.retainAll(wanted);
        modules.addAll(wanted);
    }

    /** The agency's language (already checked). */
    void locale(String locale) {
        this.locale = locale;
    }

    Agency toApi() {
        return new Agency(id, slug, name, modules(), createdAt, locale);
    }
}
