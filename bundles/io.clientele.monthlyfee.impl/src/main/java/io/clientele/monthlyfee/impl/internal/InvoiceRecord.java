package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * An invoice as stored ({@code monthly_fee_invoice}); its number comes from the agency's counter row (SQL, see
 * BillingStore), its lines ({@link InvoiceLineRecord}) and payments ({@link PaymentRecord}) are rows of their own.
 */
@Entity(name = "Invoice")
@Table(name = "monthly_fee_invoice")
public class InvoiceRecord extends TenantOwned {

    @Column(name = "invoice_number", nullable = false, updatable = false)
    private long number;

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "legal_entity_id", length = 36, nullable = false, updatable = false)
    private String legalEntityId;

    @Column(name = "legal_entity_name", length = 300, updatable = false)
    private String legalEntityName;

    @Column(name = "postal_code", length = 20, updatable = false)
    private String postalCode;

    @Column(name = "street", length = 200, updatable = false)
    private String street;

    @Column(name = "street_number", length = 40, updatable = false)
    private String streetNumber;

    @Column(name = "complement", length = 200, updatable = false)
    private String complement;

    @Column(name = "district", length = 200, updatable = false)
    private String district;

    @Column(name = "city", length = 200, updatable = false)
    private String city;

    @Column(name = "state", length = 100, updatable = false)
    private String state;

    @Column(name = "country", length = 100, updatable = false)
    private String country;

    @Column(name = "issue_date", nullable = false, updatable = false)
    private LocalDate issueDate;

    @Column(name = "due_date", nullable = false, updatable = false)
    private LocalDate dueDate;

    @Column(name = "total", precision = 31, scale = 2, nullable = false, updatable = false)
    private BigDecimal total;

    @Column(name = "paid", precision = 31, scale = 2, nullable = false)
    private BigDecimal paid;

    @Column(name = "currency", length = 3, nullable = false, updatable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private InvoiceStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected InvoiceRecord() {
    }

    InvoiceRecord(String id, long number, String customerId, String legalEntityId, String legalEntityName, BillingAddress address,
                  LocalDate issueDate, LocalDate dueDate, BigDecimal total, String currency, Instant now) {
        super(id);
        this.number = number;
        this.customerId = customerId;
        this.legalEntityId = legalEntityId;
        this.legalEntityName = clip(legalEntityName, 300);
        this.postalCode = clip(address.postalCode(), 20);
        this.street = clip(address.street(), 200);
        this.streetNumber = clip(address.number(), 40);
        this.complement = clip(address.complement(), 200);
        this.district = clip(address.district(), 200);
        this.city = clip(address.city(), 200);
        this.state = clip(address.state(), 100);
        this.country = clip(address.country(), 100);
        this.issueDate = issueDate;
        this.dueDate = dueDate;
        this.total = total;
        this.paid = BigDecimal.ZERO.setScale(2);
        this.currency = currency;
        this.status = InvoiceStatus.OPEN;
        this.createdAt = now;
    }

    /** Adds a payment to what is paid; PAID once the total is reached. */
    void pay(BigDecimal amount) {
        this.paid = this.paid.add(amount);
        this.status = paid.compareTo(total) >= 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
    }

    void cancel() {
        this.status = InvoiceStatus.CANCELLED;
    }

    long number() {
        return number;
    }

    String customerId() {
        return customerId;
    }

    InvoiceStatus status() {
        return status;
    }

    Invoice toApi(List<InvoiceLine> lines, List<Payment> payments) {
        Money t = Money.of(total, currency);
        Money p = Money.of(paid, currency);
        Money balance = status == InvoiceStatus.CANCELLED ? Money.zero(t.currency()) : t.minus(p);
        return new Invoice(id(), number, customerId, legalEntityId, legalEntityName, new BillingAddress(postalCode, street, streetNumber,
                complement, district, city, state, country), issueDate, dueDate, t, status, lines, p, balance, payments, version(),
                createdAt);
    }

    String currency() {
        return currency;
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
