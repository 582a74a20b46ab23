package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An automatic charge of an issued invoice ({@code portal_autocharge}), worked off by {@link AutoChargeWorker}. Its id
 * is also the id of the portal payment it creates and the gateway order's reference: every attempt, including one after
 * a crash, asks the gateway for the same payment, so the card is never charged twice.
 */
@Entity(name = "PortalAutoCharge")
@Table(name = "portal_autocharge")
public class AutoChargeRecord extends TenantOwned {

    /** PENDING until an attempt ends it; the others are final. */
    enum Status {
        PENDING, DONE, ACTION_REQUIRED, DECLINED, GAVE_UP, SKIPPED
    }

    @Column(name = "invoice_id", length = 36, nullable = false, updatable = false)
    private String invoiceId;

    @Column(name = "contact_id", length = 36, nullable = false, updatable = false)
    private String contactId;

    @Column(name = "status", length = 20, nullable = false)
    private String status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AutoChargeRecord() {
    }

    AutoChargeRecord(String id, String invoiceId, String contactId, Instant now) {
        super(id);
        this.invoiceId = invoiceId;
        this.contactId = contactId;
        this.status = Status.PENDING.name();
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String invoiceId() {
        return invoiceId;
    }

    String contactId() {
        return contactId;
    }

    Status status() {
        return Status.valueOf(status);
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    String lastError() {
        return lastError;
    }

    /** An attempt ended: final with {@code to}, or PENDING again at {@code retryAt}. */
    void attempted(Status to, Instant retryAt, String error, Instant now) {
        this.attempts++;
        this.status = to.name();
        if (retryAt != null) {
            this.nextAttemptAt = retryAt;
        }
        this.leaseUntil = null;
        this.lastError = PaymentRecord.cut(error, 500);
        this.updatedAt = now;
    }
}
