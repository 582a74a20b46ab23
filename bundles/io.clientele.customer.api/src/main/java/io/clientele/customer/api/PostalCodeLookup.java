package io.clientele.customer.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Finds the address a postal code names (Brazil: through ViaCEP). */
@ProviderType
public interface PostalCodeLookup {

    /** Whether codes of this country (ISO 3166 two-letter, upper case) can be looked up. */
    boolean supports(String country);

    /**
     * The address of a postal code.
     *
     * @return empty when the code is well-formed but names no address
     * @throws IllegalArgumentException            when the country is not supported or the code is malformed
     * @throws PostalCodeServiceUnavailableException when the service behind the lookup does not answer usefully
     */
    Optional<PostalAddress> lookup(String country, String code);
}
