package io.clientele.customer.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Customers for other modules: reads apply the same visibility rules as the REST API. */
@ProviderType
public interface CustomerDirectory {

    /** The customer if it exists in the caller's agency and the caller may see it (restricted rules applied). */
    Optional<Customer> find(String customerId);
}
