package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One invoice a portal payment pays ({@code portal_payment_invoice}): what was asked for it and, once the payment
 * settled, what was recorded on it through the monthly-fee module and the id of that module's payment.
 */
@Entity(name = "PortalPaymentInvoice")
@Table(name = "portal_payment_invoice")
public class PaymentInvoiceRecord extends TenantOwned {

    @Column(name = "payment_id", length = 36, nullable = false, updatable = false)
    private String paymentId;

    @Column(name = "invoice_id", length = 36, nullable = false, updatable = false)
    private String invoiceId;

    @Column(name = "invoice_number", nullable = false, updatable = false)
    private long invoiceNumber;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "recorded", precision = 15, scale = 2)
    private BigDecimal recorded;

    @Column(name = "billing_payment_id", length = 36)
    private String billingPaymentId;

    protected PaymentInvoiceRecord() {
    }

    PaymentInvoiceRecord(String id, String paymentId, String invoiceId, long invoiceNumber, BigDecimal amount) {
        super(id);
        this.paymentId = paymentId;
        this.invoiceId = invoiceId;
        this.invoiceNumber = invoiceNumber;
        this.amount = amount;
    }

    String paymentId() {
        return paymentId;
    }

    String invoiceId() {
        return invoiceId;
    }

    long invoiceNumber() {
        return invoiceNumber;
    }

    BigDecimal amount() {
        return amount;
    }

    BigDecimal recorded() {
        return recorded;
    }

    String billingPaymentId() {
        return billingPaymentId;
    }

    void recorded(BigDecimal value, String billingPaymentId) {
        this.recorded = value;
        this.billingPaymentId = billingPaymentId;
    }
}
