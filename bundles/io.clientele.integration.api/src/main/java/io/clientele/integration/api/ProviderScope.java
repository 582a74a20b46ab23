package io.clientele.integration.api;

/** Whether an integration of a provider belongs to one customer or to the whole agency. */
public enum ProviderScope {
    /** Connected per customer (a customer's RD Station account): created under {@code /customers/{id}/integrations}. */
    CUSTOMER,
    /** Connected once for the agency (a webhook subscription): created under {@code /integrations}. */
    AGENCY
}
