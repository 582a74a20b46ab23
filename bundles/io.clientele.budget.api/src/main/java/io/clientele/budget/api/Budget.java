package io.clientele.budget.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/**
 * Money a customer sets aside for a campaign over a period.
 *
 * @param amount the budgeted amount, always positive; its currency is the budget's, and every entry of the budget is
 *               in it
 */
public record Budget(String id, String customerId, String campaign, Money amount, LocalDate startDate, LocalDate endDate,
                     long version, Instant createdAt, Instant updatedAt) {

    /** The budget's currency (the amount's). */
    public Currency currency() {
        return amount.currency();
    }
}
