package io.clientele.customer.api;

import java.util.Arrays;
import java.util.Optional;

/** The agency-managed lists a customer record draws from, with their path names in the API. */
public enum LookupKind {
    SEGMENT("segments"),
    STATUS("statuses"),
    ATTRACTION_CHANNEL("attraction-channels"),
    SECTOR("sectors"),
    PRODUCT_SERVICE("products-services"),
    INVOICE_TYPE("invoice-types"),
    BILLING_TYPE("billing-types"),
    PAYMENT_CONDITION("payment-conditions");

    private final String path;

    LookupKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<LookupKind> fromPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
