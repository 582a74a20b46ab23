package io.clientele.customer.api;

/** A postal address. Complete (for invoicing) when street, number, city, state, postal code and country are set. */
public record Address(String postalCode, String street, String number, String complement, String district, String city,
                      String state, String country) {

    /** Whether the address has everything an invoice needs (not named isComplete: it is no JSON property). */
    public boolean completeForInvoicing() {
        return filled(postalCode) && filled(street) && filled(number) && filled(city) && filled(state) && filled(country);
    }

    private static boolean filled(String s) {
        return s != null && !s.isBlank();
    }
}
