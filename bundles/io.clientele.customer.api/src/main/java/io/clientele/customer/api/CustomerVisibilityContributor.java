package io.clientele.customer.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hook for modules that give people reach over restricted customers (iJob: people assigned to steps of
 * a customer's jobs). The registry unions every contributor's answer into its visibility rule.
 */
@ConsumerType
public interface CustomerVisibilityContributor {

    /** Ids of restricted customers of the caller's agency that this user may see because of this module. */
    Set<String> restrictedCustomersVisibleTo(String userId);
}
