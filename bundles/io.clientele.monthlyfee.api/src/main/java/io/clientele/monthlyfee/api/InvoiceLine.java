package io.clientele.monthlyfee.api;

import java.time.LocalDate;

/** One billed fee entry: the fee's description, the entry's due date and amount (decimal string). */
public record InvoiceLine(String entryId, String feeId, String description, LocalDate dueDate, String amount) {
}
