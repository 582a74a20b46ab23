package io.clientele.platform.jpa;

import io.clientele.platform.api.rest.ProblemException;
import javax.persistence.Column;
import javax.persistence.Id;
import javax.persistence.MappedSuperclass;
import javax.persistence.Version;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A row owned by one agency: the base of every tenant-owned entity. EclipseLink's single-table multitenancy maps the
 * table's {@code agency_id} column to the EntityManager's {@link #AGENCY} property, which {@link EntityWork} sets from
 * the request's agency: every query, find, update and delete of a subclass is limited to that agency and every insert
 * writes it, without a store writing the condition. An EntityManager without the property cannot read or write these
 * entities at all (fails closed). {@link ClienteleUnit} refuses a unit whose entity is neither a subclass nor marked
 * {@link SharedAcrossAgencies}.
 *
 * <p>The id is the platform's 36-character id ({@code Jdbc.newId()}); {@link #version()} is the optimistic-locking
 * version the API shows as {@code version} and {@code ETag}: 0 for a new row (as the JDBC stores wrote it), one more for
 * each change, and a write over a changed row fails with 412 ({@link EntityWork}).
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "agency_id", contextProperty = TenantOwned.AGENCY, length = 36)
public abstract class TenantOwned {

    /** The EntityManager property holding the agency a persistence context is limited to. */
    public static final String AGENCY = "clientele.agency";

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected TenantOwned() {
    }

    protected TenantOwned(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    /**
     * Refuses a change made against another version than this one: {@code expected} is the client's {@code If-Match}
     * (null when it sent none, which the API allows).
     *
     * @throws ProblemException 412 {@code precondition_failed} naming what changed
     */
    public void requireVersion(Long expected, String what) {
        if (expected != null && expected.longValue() != version) {
            throw ProblemException.preconditionFailed("The " + what + " changed since it was read; read it again and retry.");
        }
    }
}
