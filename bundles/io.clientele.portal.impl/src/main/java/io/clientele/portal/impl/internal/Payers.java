package io.clientele.portal.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.payment.api.Payer;
import io.clientele.platform.api.rest.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who pays, as a gateway needs it: the contact's customer (its name, tax id and address — boleto needs them), with the
 * contact's e-mail for receipts and vouchers. The customer is read as the agency (a contact reads no customer records).
 */
@Component(service = Payers.class)
public class Payers {

    private final CustomerDirectory customers;

    @Activate
    public Payers(@Reference CustomerDirectory customers) {
        this.customers = customers;
    }

    /** The payer for a payment of the customer by the contact; {@code gatewayCustomerId} from an earlier call, or null. */
    Payer payer(String customerId, String contactEmail, String gatewayCustomerId) {
        Customer c = PaymentLedger.asAgency("portal payment", () -> customers.find(customerId))
                .orElseThrow(() -> ProblemException.notFound("Customer " + customerId));
        return payer(c, contactEmail, gatewayCustomerId);
    }

    static Payer payer(Customer c, String contactEmail, String gatewayCustomerId) {
        String name = c.companyName() != null && !c.companyName().isBlank() ? c.companyName() : c.name();
        String taxId = c.documentNumber() == null ? null : c.documentNumber().replaceAll("\\D", "");
        Address a = c.address();
        Payer.Address address = a == null ? null : new Payer.Address(join(a.street(), a.number()), join(a.complement(), a.district()), a.city(),
                a.state(), a.postalCode() == null ? null : a.postalCode().replaceAll("\\D", ""), country(a.country()));
        String email = contactEmail != null && !contactEmail.isBlank() ? contactEmail : c.email();
        return new Payer(c.id(), gatewayCustomerId, name, email, taxId == null || taxId.isEmpty() ? null : taxId, address);
    }

    private static String join(String a, String b) {
        boolean hasA = a != null && !a.isBlank();
        boolean hasB = b != null && !b.isBlank();
        return hasA && hasB ? a.strip() + ", " + b.strip() : hasA ? a.strip() : hasB ? b.strip() : null;
    }

    /** ISO 3166-1 alpha-2: a two-letter code as stored, "Brasil"/"Brazil" as BR, else as stored. */
    static String country(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        String s = stored.strip();
        if (s.length() == 2) {
            return s.toUpperCase(java.util.Locale.ROOT);
        }
        return s.equalsIgnoreCase("brasil") || s.equalsIgnoreCase("brazil") ? "BR" : s;
    }
}
