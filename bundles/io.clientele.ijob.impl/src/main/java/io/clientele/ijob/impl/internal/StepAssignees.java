package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.CustomerVisibilityContributor;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.TenantTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * People assigned to steps of a restricted customer's jobs may see that customer (while the module is installed).
 * It reads the step table itself and references no customer service: the customer registry binds it, so depending
 * on the registry from here would be a cycle. It runs on every customer read of a user without full reach, so it stays
 * one SQL statement rather than opening an EntityManager each time.
 */
@Component(service = CustomerVisibilityContributor.class)
public class StepAssignees implements CustomerVisibilityContributor {

    private final TenantTable steps;

    @Activate
    public StepAssignees(@Reference Database database, @Reference IJobModule module) {
        this.steps = new TenantTable(database, "ijob_step");
    }

    @Override
    public Set<String> restrictedCustomersVisibleTo(String userId) {
        if (userId == null || RequestContext.current().map(p -> p.agencyId() == null).orElse(true)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        steps.find("assignee_id = ?", List.of(userId), null, 0, rs -> rs.getString("customer_id")).forEach(out::add);
        return out;
    }
}
