package io.clientele.budget.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Money a customer sets aside for a campaign over a period.
 *
 * @param amount   the budgeted amount, scale 2, always positive
 * @param currency ISO 4217 code; every entry of the budget is in this currency
 */
public record Budget(String id, String customerId, String campaign, BigDecimal amount, String currency, LocalDate startDate,
                     LocalDate endDate, long version, Instant createdAt, Instant updatedAt) {
}
