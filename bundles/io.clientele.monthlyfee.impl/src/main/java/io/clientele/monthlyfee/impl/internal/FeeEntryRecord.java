package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.impl.internal.Fees.EntryStatus;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * One month of a fee as stored ({@code monthly_fee_entry}; unique per agency, fee and month). Billing and its
 * cancellation flip {@code status} and {@code invoice_id} with conditional SQL (BillingStore); everything else changes
 * it here.
 */
@Entity(name = "FeeEntry")
@Table(name = "monthly_fee_entry")
public class FeeEntryRecord extends TenantOwned {

    @Column(name = "fee_id", length = 36, nullable = false, updatable = false)
    private String feeId;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "period_month", length = 7, nullable = false, updatable = false)
    private String month;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", length = 3, nullable = false)
    private String currency;

    @Column(name = "approved", nullable = false)
    private boolean approved;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "approved_by", length = 200)
    private String approvedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private EntryStatus status;

    @Column(name = "invoice_id", length = 36)
    private String invoiceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected FeeEntryRecord() {
    }

    FeeEntryRecord(String id, String feeId, String customerId, YearMonth month, LocalDate dueDate, BigDecimal amount, String currency,
                   Instant now) {
        super(id);
        this.feeId = feeId;
        this.customerId = customerId;
        this.month = month.toString();
        this.dueDate = dueDate;
        this.amount = amount;
        this.currency = currency;
        this.status = EntryStatus.OPEN;
        this.createdAt = now;
    }

    void approve(boolean approved, String actor, Instant now) {
        this.approved = approved;
        this.approvedAt = approved ? now : null;
        this.approvedBy = approved ? actor : null;
    }

    void cancel() {
        this.status = EntryStatus.CANCELLED;
    }

    /** Open again with these terms; an approval is dropped when the money changes or the entry was not open. */
    void follow(LocalDate dueDate, BigDecimal amount, String currency) {
        boolean sameMoney = this.amount.compareTo(amount) == 0 && this.currency.equals(currency);
        if (!sameMoney || status != EntryStatus.OPEN) {
            approve(false, null, null);
        }
        this.status = EntryStatus.OPEN;
        this.dueDate = dueDate;
        this.amount = amount;
        this.currency = currency;
    }

    boolean billed() {
        return status == EntryStatus.BILLED || invoiceId != null;
    }

    String feeId() {
        return feeId;
    }

    String customerId() {
        return customerId;
    }

    String month() {
        return month;
    }

    LocalDate dueDate() {
        return dueDate;
    }

    BigDecimal amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    EntryStatus status() {
        return status;
    }

    FeeEntry toApi() {
        return new FeeEntry(id(), feeId, customerId, month, dueDate, Money.of(amount, currency).toPlainString(), currency, approved, approvedAt, approvedBy,
                status, invoiceId, version());
    }
}
