package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.impl.internal.Fees.Estimate;
import io.clientele.monthlyfee.impl.internal.Fees.EstimateLine;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/** An estimate as stored ({@code monthly_fee_estimate}); its lines are {@link EstimateLineRecord}s. */
@Entity(name = "Estimate")
@Table(name = "monthly_fee_estimate")
public class EstimateRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "title", length = 300, nullable = false, updatable = false)
    private String title;

    @Column(name = "currency", length = 3, nullable = false, updatable = false)
    private String currency;

    @Column(name = "total", precision = 31, scale = 2, nullable = false, updatable = false)
    private BigDecimal total;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private EstimateStatus status;

    @Column(name = "sent_to", length = 254)
    private String sentTo;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by_contact_id", length = 36)
    private String decidedByContactId;

    @Column(name = "decided_by_contact_name", length = 300)
    private String decidedByContactName;

    @Column(name = "decided_by_user_id", length = 36)
    private String decidedByUserId;

    @Column(name = "decision_comment", length = 2000)
    private String decisionComment;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EstimateRecord() {
    }

    EstimateRecord(String id, String customerId, String title, String currency, BigDecimal total, Instant now) {
        super(id);
        this.customerId = customerId;
        this.title = title;
        this.currency = currency;
        this.total = total;
        this.status = EstimateStatus.DRAFT;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void sent(String to, Instant now) {
        this.status = EstimateStatus.SENT;
        this.sentTo = to;
        this.sentAt = now;
        this.updatedAt = now;
    }

    /** Answered: by a contact (its id and name, an optional comment) or by a staff user recording the customer's answer. */
    void decide(EstimateStatus decision, Decider by, String comment, Instant now) {
        this.status = decision;
        this.decidedAt = now;
        this.decidedByContactId = by.contactId();
        this.decidedByContactName = by.contactName() == null ? null : InvoiceRecord.clip(by.contactName(), 300);
        this.decidedByUserId = by.userId();
        this.decisionComment = comment;
        this.updatedAt = now;
    }

    /** Who answers an estimate: a contact ({@code contactId}, {@code contactName}) or a staff user ({@code userId}). */
    record Decider(String contactId, String contactName, String userId) {
    }

    String customerId() {
        return customerId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    String currency() {
        return currency;
    }

    Estimate toApi(List<EstimateLine> lines) {
        return new Estimate(id(), customerId, title, currency, lines, Money.of(total, currency).toPlainString(), status, sentTo, sentAt, version(), createdAt,
                updatedAt, decidedAt, decidedByContactId, decidedByContactName, decidedByUserId, decisionComment);
    }
}
