package io.clientele.payment.api;

/**
 * Who pays: the customer of the agency, as the gateway needs to know it. Boleto needs the payer's name, e-mail,
 * tax id (CPF or CNPJ, digits only) and address; card and Pix need less.
 *
 * @param reference         the caller's stable id of the payer (e.g. the customer's id), stored at the gateway
 * @param gatewayCustomerId the gateway's id of the payer when known from an earlier call, else {@code null}
 * @param name              the payer's name
 * @param email             where the gateway may send receipts and vouchers; may be {@code null}
 * @param taxId             CPF/CNPJ digits, or {@code null}
 * @param address           the billing address, or {@code null}
 */
public record Payer(String reference, String gatewayCustomerId, String name, String email, String taxId,
                    Address address) {

    /** A billing address; {@code country} is ISO 3166-1 alpha-2 ({@code "BR"}). */
    public record Address(String line1, String line2, String city, String state, String postalCode, String country) {
    }
}
