package io.clientele.budget.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import io.clientele.platform.api.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A budget as stored ({@code budget_budget}); Liquibase owns the table ({@code db/clientele-budget.xml}). */
@Entity(name = "Budget")
@Table(name = "budget_budget")
public class BudgetRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "campaign", length = 200, nullable = false)
    private String campaign;

    @Column(name = "amount", precision = 19, scale = 2, nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", length = 3, nullable = false)
    private String currency;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    private LocalDate endDate;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected BudgetRecord() {
    }

    BudgetRecord(String id, String customerId, BudgetStore.Fields fields, Instant now) {
        super(id);
        this.customerId = customerId;
        this.createdAt = now;
        change(fields, now);
    }

    void change(BudgetStore.Fields fields, Instant now) {
        this.campaign = fields.campaign();
        this.amount = fields.amount().amount();
        this.currency = fields.amount().currencyCode();
        this.startDate = fields.startDate();
        this.endDate = fields.endDate();
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deleted = true;
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    String currency() {
        return currency;
    }

    boolean deleted() {
        return deleted;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    Budget toApi() {
        return new Budget(id(), customerId, campaign, Money.of(amount, currency), startDate, endDate, version(), createdAt, updatedAt);
    }
}
