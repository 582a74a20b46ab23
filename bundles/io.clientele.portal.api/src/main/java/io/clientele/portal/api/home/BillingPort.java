package io.clientele.portal.api.home;

import io.clientele.platform.api.money.Money;
import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** The customer's money matters for the portal's Home, from the monthly-fee module while it is installed. */
@ConsumerType
public interface BillingPort {

    /** An invoice still open, in its currency. */
    record OpenInvoice(String id, long number, LocalDate issueDate, LocalDate dueDate, Money total, Money balance) {
    }

    /**
     * The customer's open invoices, oldest due first, and what it owes (one amount per currency, by currency code); the
     * caller runs as the customer's agency.
     */
    record Billing(List<Money> balanceDue, List<OpenInvoice> openInvoices) {
        public Billing {
            balanceDue = List.copyOf(balanceDue);
            openInvoices = List.copyOf(openInvoices);
        }
    }

    Billing billingOf(String customerId);
}
