package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.platform.jpa.TenantRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** One billed entry of an invoice ({@code monthly_fee_invoice_line}), written with the invoice and never changed. */
@Entity(name = "InvoiceLine")
@Table(name = "monthly_fee_invoice_line")
public class InvoiceLineRecord extends TenantRow {

    @Column(name = "invoice_id", length = 36, nullable = false, updatable = false)
    private String invoiceId;

    @Column(name = "line_no", nullable = false, updatable = false)
    private int lineNo;

    @Column(name = "entry_id", length = 36, nullable = false, updatable = false)
    private String entryId;

    @Column(name = "fee_id", length = 36, nullable = false, updatable = false)
    private String feeId;

    @Column(name = "description", length = 500, nullable = false, updatable = false)
    private String description;

    @Column(name = "due_date", nullable = false, updatable = false)
    private LocalDate dueDate;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    protected InvoiceLineRecord() {
    }

    InvoiceLineRecord(String id, String invoiceId, int lineNo, String entryId, String feeId, String description, LocalDate dueDate,
                      BigDecimal amount) {
        super(id);
        this.invoiceId = invoiceId;
        this.lineNo = lineNo;
        this.entryId = entryId;
        this.feeId = feeId;
        this.description = InvoiceRecord.clip(description, 500);
        this.dueDate = dueDate;
        this.amount = amount;
    }

    String invoiceId() {
        return invoiceId;
    }

    String feeId() {
        return feeId;
    }

    /** The line in its invoice's currency. */
    InvoiceLine toApi(String currency) {
        return new InvoiceLine(entryId, feeId, description, dueDate, Money.of(amount, currency));
    }
}
