package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.platform.api.RequestContext;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link CustomerRights} for other modules: the caller from the request, the customer as the caller sees it, {@link RoleRules}. */
@Component(service = CustomerRights.class)
public class CustomerRightsService implements CustomerRights {

    private final CustomerStore customers;

    @Activate
    public CustomerRightsService(@Reference CustomerStore customers) {
        this.customers = customers;
    }

    @Override
    public Optional<String> refusal(CustomerAction action, String customerId) {
        Customer customer = customerId == null || customerId.isBlank() || customerId.length() > 100 ? null
                : customers.find(customerId).orElse(null);
        return RoleRules.refusal(RequestContext.principal(), action, customer);
    }
}
