package io.clientele.monthlyfee.api;

import io.clientele.platform.api.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * An invoice issued from approved fee entries of one customer in one currency. {@code number} is gapless per
 * agency. {@code legalEntityId} is the billed legal entity (the customer's id when the customer itself is billed).
 * {@code total}, {@code paid} and {@code balance} (zero once cancelled), its lines and its payments are all in the
 * invoice's currency.
 */
public record Invoice(String id, long number, String customerId, String legalEntityId, String legalEntityName,
                      BillingAddress address, LocalDate issueDate, LocalDate dueDate, Money total, InvoiceStatus status,
                      List<InvoiceLine> lines, Money paid, Money balance, List<Payment> payments, long version, Instant createdAt) {
    public Invoice {
        lines = lines == null ? List.of() : List.copyOf(lines);
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** The invoice's currency (its total's). */
    public Currency currency() {
        return total.currency();
    }
}
