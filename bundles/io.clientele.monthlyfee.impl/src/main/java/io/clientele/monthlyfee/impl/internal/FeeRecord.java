package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.impl.internal.Fees.Document;
import io.clientele.monthlyfee.impl.internal.Fees.Fee;
import io.clientele.monthlyfee.impl.internal.Fees.FeeStatus;
import io.clientele.monthlyfee.impl.internal.Fees.NewFee;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * A monthly fee as stored ({@code monthly_fee_fee}); Liquibase owns the table ({@code db/clientele-monthly-fee.xml}).
 * The signed contract's bytes live in {@code monthly_fee_document} (SQL, streamed); its metadata is here, so an upload
 * changes the fee's version like any other change of the fee.
 */
@Entity(name = "MonthlyFee")
@Table(name = "monthly_fee_fee")
public class FeeRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "description", length = 500, nullable = false)
    private String description;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", length = 3, nullable = false)
    private String currency;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Column(name = "payment_day", nullable = false)
    private int paymentDay;

    @Column(name = "payment_method", length = 50)
    private String paymentMethod;

    @Column(name = "contract_text", length = 20000)
    private String contractText;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private FeeStatus status;

    @Column(name = "document_type", length = 100)
    private String documentType;

    @Column(name = "document_size")
    private Long documentSize;

    @Column(name = "document_uploaded_at")
    private Instant documentUploadedAt;

    /** Written only by the SQL row lock that serialises the reconciliation of one fee's entries (FeeStore#reconcile). */
    @Column(name = "generated_at", insertable = false, updatable = false)
    private Instant generatedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected FeeRecord() {
    }

    FeeRecord(String id, NewFee terms, BigDecimal amount, Instant now) {
        super(id);
        this.customerId = terms.customerId();
        this.status = FeeStatus.ACTIVE;
        this.createdAt = now;
        change(terms, amount, now);
    }

    /** New terms (validated); the customer never changes. */
    void change(NewFee terms, BigDecimal amount, Instant now) {
        this.description = terms.description();
        this.amount = amount;
        this.currency = terms.currency();
        this.startDate = terms.startDate();
        this.endDate = terms.endDate();
        this.paymentDay = terms.paymentDay();
        this.paymentMethod = terms.paymentMethod();
        this.contractText = terms.contractText();
        this.updatedAt = now;
    }

    void cancel(Instant now) {
        this.status = FeeStatus.CANCELLED;
        this.updatedAt = now;
    }

    void document(String contentType, long size, Instant now) {
        this.documentType = contentType;
        this.documentSize = size;
        this.documentUploadedAt = now;
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    FeeStatus status() {
        return status;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    Fee toApi() {
        Document document = documentType == null ? null : new Document(documentType, documentSize == null ? 0 : documentSize, documentUploadedAt);
        return new Fee(id(), customerId, description, Money.of(amount, currency).toPlainString(), currency, startDate, endDate, paymentDay, paymentMethod,
                contractText, status, document, version(), createdAt, updatedAt);
    }
}
