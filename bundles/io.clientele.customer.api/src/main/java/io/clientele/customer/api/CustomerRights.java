package io.clientele.customer.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who may do what to a customer: the one implementation of the agency's role rules that every module asks
 * (monthly fees, budgets, contacts, the registry itself), so no module keeps its own copy of "is this user
 * the customer's service manager or assistant".
 */
@ProviderType
public interface CustomerRights {

    /**
     * Why the caller may not do {@code action} for the customer, or empty when they may.
     * <p>
     * A customer the caller cannot see (missing, another agency's, restricted) is judged by the caller's roles
     * only: refused when no role of theirs could do the action for any customer, otherwise empty. The caller
     * then answers it as it does for any unknown id (404, or 400 naming the field), so its existence is
     * not revealed. {@code customerId} may be null (e.g. a body without one): judged by roles only.
     *
     * @return a sentence for the user, to be answered as 403 {@code forbidden}
     */
    Optional<String> refusal(CustomerAction action, String customerId);
}
