package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.platform.jpa.TenantRow;
import java.math.BigDecimal;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** A payment recorded against an invoice ({@code monthly_fee_payment}), written with the invoice's change and never changed. */
@Entity(name = "Payment")
@Table(name = "monthly_fee_payment")
public class PaymentRecord extends TenantRow {

    @Column(name = "invoice_id", length = 36, nullable = false, updatable = false)
    private String invoiceId;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "payment_method", length = 50, nullable = false, updatable = false)
    private String method;

    @Column(name = "paid_at", nullable = false, updatable = false)
    private Instant paidAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "paid_by", length = 200, updatable = false)
    private String paidBy;

    protected PaymentRecord() {
    }

    PaymentRecord(String id, String invoiceId, BigDecimal amount, String method, Instant paidAt, String paidBy, Instant now) {
        super(id);
        this.invoiceId = invoiceId;
        this.paidBy = paidBy;
        this.amount = amount;
        this.method = method;
        this.paidAt = paidAt;
        this.createdAt = now;
    }

    String invoiceId() {
        return invoiceId;
    }

    /** The payment in its invoice's currency. */
    Payment toApi(String currency) {
        return new Payment(id(), invoiceId, Money.of(amount, currency), method, paidAt, createdAt, paidBy);
    }
}
