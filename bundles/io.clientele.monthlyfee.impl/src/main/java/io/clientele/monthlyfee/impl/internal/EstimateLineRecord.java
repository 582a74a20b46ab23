package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.monthlyfee.impl.internal.Fees.EstimateLine;
import io.clientele.platform.jpa.TenantRow;
import java.math.BigDecimal;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** One line of an estimate ({@code monthly_fee_estimate_line}), written with the estimate and never changed. */
@Entity(name = "EstimateLine")
@Table(name = "monthly_fee_estimate_line")
public class EstimateLineRecord extends TenantRow {

    @Column(name = "estimate_id", length = 36, nullable = false, updatable = false)
    private String estimateId;

    @Column(name = "line_no", nullable = false, updatable = false)
    private int lineNo;

    @Column(name = "description", length = 500, nullable = false, updatable = false)
    private String description;

    @Column(name = "quantity", precision = 15, scale = 3, nullable = false, updatable = false)
    private BigDecimal quantity;

    @Column(name = "unit_price", precision = 15, scale = 2, nullable = false, updatable = false)
    private BigDecimal unitPrice;

    @Column(name = "amount", precision = 31, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    protected EstimateLineRecord() {
    }

    EstimateLineRecord(String id, String estimateId, int lineNo, EstimateLine line) {
        super(id);
        this.estimateId = estimateId;
        this.lineNo = lineNo;
        this.description = line.description();
        this.quantity = line.quantity();
        this.unitPrice = new BigDecimal(line.unitPrice());
        this.amount = new BigDecimal(line.amount());
    }

    String estimateId() {
        return estimateId;
    }

    /** The line as the API writes it, in its estimate's currency. */
    EstimateLine toApi(String currency) {
        return new EstimateLine(description, Quantities.plain(quantity), Money.of(unitPrice, currency).toPlainString(),
                Money.of(amount, currency).toPlainString());
    }
}
