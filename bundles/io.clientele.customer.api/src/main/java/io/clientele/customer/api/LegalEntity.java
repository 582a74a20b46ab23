package io.clientele.customer.api;

import java.time.Instant;

/**
 * A legal entity of a customer: a company (or person) the agency invoices on the customer's behalf, with its
 * own tax id and address. A customer may have several (e.g. a holding and its subsidiaries).
 *
 * @param taxId CNPJ (14 digits) or CPF (11 digits) when the address is in Brazil, checked by its check digits
 */
public record LegalEntity(String id, String customerId, String name, String taxId, Address address, Long version,
                          Instant createdAt, Instant updatedAt) {
}
