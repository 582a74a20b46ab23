package io.clientele.ijob.impl.internal;

import io.clientele.customer.api.CustomerVisibilityContributor;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.jpa.EntityWork;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * People assigned to steps of a restricted customer's jobs may see that customer (while the module is installed).
 * It reads the steps itself and references no customer service: the customer registry binds it, so depending
 * on the registry from here would be a cycle.
 */
@Component(service = CustomerVisibilityContributor.class)
public class StepAssignees implements CustomerVisibilityContributor {

    private final EntityWork work;

    @Activate
    public StepAssignees(@Reference Database database, @Reference(target = "(osgi.unit.name=ijob)") EntityManagerFactory unit,
                         @Reference IJobModule module) {
        this.work = new EntityWork(database, unit);
    }

    @Override
    public Set<String> restrictedCustomersVisibleTo(String userId) {
        if (userId == null || RequestContext.current().map(p -> p.agencyId() == null).orElse(true)) {
            return Set.of();
        }
        return work.inTransaction(em -> new LinkedHashSet<>(em.createQuery("SELECT DISTINCT s.customerId FROM Step s"
                + " WHERE s.assigneeId = :userId", String.class).setParameter("userId", userId).getResultList()));
    }
}
