package io.clientele.budget.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** An agency's budget settings ({@code budget_settings}, one row per agency at most). */
@Entity(name = "BudgetSettings")
@Table(name = "budget_settings")
public class SettingsRecord extends TenantOwned {

    @Column(name = "warning_threshold", precision = 5, scale = 2, nullable = false)
    private BigDecimal warningThreshold;

    protected SettingsRecord() {
    }

    SettingsRecord(String id, BigDecimal warningThreshold) {
        super(id);
        this.warningThreshold = warningThreshold;
    }

    BigDecimal warningThreshold() {
        return warningThreshold.setScale(2);
    }

    void warningThreshold(BigDecimal value) {
        this.warningThreshold = value;
    }
}
