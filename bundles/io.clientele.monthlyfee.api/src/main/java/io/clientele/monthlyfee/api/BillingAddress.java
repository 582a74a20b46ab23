package io.clientele.monthlyfee.api;

/** The address printed on an invoice, copied from the legal entity or customer when the invoice was issued. */
public record BillingAddress(String postalCode, String street, String number, String complement, String district, String city,
                             String state, String country) {
}
