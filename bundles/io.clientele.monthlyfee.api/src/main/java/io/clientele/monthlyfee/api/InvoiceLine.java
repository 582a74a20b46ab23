package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.time.LocalDate;

/** One billed fee entry: the fee's description, the entry's due date and amount (in the invoice's currency). */
public record InvoiceLine(String entryId, String feeId, String description, LocalDate dueDate, Money amount) {
}
