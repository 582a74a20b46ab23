package io.clientele.monthlyfee.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice issued from approved fee entries of one customer in one currency. {@code number} is gapless per
 * agency. {@code legalEntityId} is the billed legal entity (the customer's id when the customer itself is billed).
 * {@code total}, {@code paid} and {@code balance} are decimal strings.
 */
public record Invoice(String id, long number, String customerId, String legalEntityId, String legalEntityName,
                      BillingAddress address, LocalDate issueDate, LocalDate dueDate, String total, String currency,
                      InvoiceStatus status, List<InvoiceLine> lines, String paid, String balance, List<Payment> payments,
                      long version, Instant createdAt) {
    public Invoice {
        lines = lines == null ? List.of() : List.copyOf(lines);
        payments = payments == null ? List.of() : List.copyOf(payments);
    }
}
