package io.clientele.customer.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Legal entities of customers for other modules (e.g. monthly fees bill a legal entity). Reads apply the
 * customer's visibility: an entity of a customer the caller may not see, or of another agency, is absent.
 */
@ProviderType
public interface LegalEntityDirectory {

    /** The legal entity if it exists (not deleted) in the caller's agency and its customer is visible to the caller. */
    Optional<LegalEntity> find(String legalEntityId);

    /**
     * The customer's legal entities, by name; empty when the customer is not visible to the caller.
     */
    List<LegalEntity> ofCustomer(String customerId);
}
