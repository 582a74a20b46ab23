package io.clientele.platform.jpa;

import javax.persistence.Column;
import javax.persistence.Id;
import javax.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A child row owned by one agency that is written once and never changed (an invoice line, a payment, an estimate
 * line): the same tenant mapping as {@link TenantOwned} (EclipseLink single-table multitenancy on {@code agency_id}, from
 * the EntityManager's {@link TenantOwned#AGENCY}), without the {@code version} column, which these tables never had.
 * Its parent's version guards it: such a row is only written together with a change of its parent. {@link ClienteleUnit}
 * accepts it like a {@link TenantOwned} entity.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "agency_id", contextProperty = TenantOwned.AGENCY, length = 36)
public abstract class TenantRow {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    protected TenantRow() {
    }

    protected TenantRow(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
