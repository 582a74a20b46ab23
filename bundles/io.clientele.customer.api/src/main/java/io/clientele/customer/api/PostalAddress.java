package io.clientele.customer.api;

/**
 * The address parts a postal code names, to pre-fill an {@link Address}.
 *
 * @param postalCode the code in its country's usual format (Brazil: {@code 01001-000})
 * @param country    ISO 3166 two-letter code
 */
public record PostalAddress(String postalCode, String street, String district, String city, String state, String country) {
}
