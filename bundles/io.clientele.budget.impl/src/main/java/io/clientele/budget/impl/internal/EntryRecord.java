package io.clientele.budget.impl.internal;

import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.EntryKind;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import io.clientele.platform.api.money.CurrencyMismatchException;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * A budget entry as stored ({@code budget_entry}). Entries are never edited; a commitment is only closed, once, when
 * it is turned into spend (its version guards that).
 */
@Entity(name = "BudgetEntry")
@Table(name = "budget_entry")
public class EntryRecord extends TenantOwned implements CreationOrder {

    @Column(name = "budget_id", length = 36, nullable = false, updatable = false)
    private String budgetId;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private EntryKind kind;

    @Column(name = "amount", precision = 19, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "currency", length = 3, nullable = false, updatable = false)
    private String currency;

    @Column(name = "description", length = 500, updatable = false)
    private String description;

    @Column(name = "job_id", length = 100, updatable = false)
    private String jobId;

    @Column(name = "is_open", nullable = false)
    private boolean open;

    @Column(name = "commitment_id", length = 36, updatable = false)
    private String commitmentId;

    @Column(name = "spent_entry_id", length = 36)
    private String spentEntryId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected EntryRecord() {
    }

    EntryRecord(String id, BudgetRecord budget, EntryKind kind, Money amount, String description, String jobId, String commitmentId,
                Instant now) {
        super(id);
        this.budgetId = budget.id();
        this.customerId = budget.customerId();
        this.kind = kind;
        if (!amount.currencyCode().equals(budget.currency())) {
            throw new CurrencyMismatchException(amount + " on a budget in " + budget.currency());
        }
        this.amount = amount.amount();
        this.currency = budget.currency();
        this.description = description;
        this.jobId = jobId;
        this.open = kind == EntryKind.COMMITTED;
        this.commitmentId = commitmentId;
        this.createdAt = now;
    }

    /** Closes this commitment: it became the spend entry {@code spentEntryId}. */
    void settle(String spentEntryId) {
        this.open = false;
        this.spentEntryId = spentEntryId;
    }

    String budgetId() {
        return budgetId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    BudgetEntry toApi() {
        return new BudgetEntry(id(), budgetId, kind, Money.of(amount, currency), description, jobId, open, commitmentId, spentEntryId,
                createdAt);
    }
}
