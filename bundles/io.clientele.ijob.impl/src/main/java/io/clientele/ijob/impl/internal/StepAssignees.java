package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.CustomerVisibilityContributor;
import io.clientele.platform.api.RequestContext;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** People assigned to steps of a restricted customer's jobs may see that customer (while the module is installed). */
@Component(service = CustomerVisibilityContributor.class)
public class StepAssignees implements CustomerVisibilityContributor {

    private final JobStore store;

    @Activate
    public StepAssignees(@Reference JobStore store) {
        this.store = store;
    }

    @Override
    public Set<String> restrictedCustomersVisibleTo(String userId) {
        if (userId == null || RequestContext.current().map(p -> p.agencyId() == null).orElse(true)) {
            return Set.of();
        }
        return store.customersWithStepsAssignedTo(userId);
    }
}
