package io.clientele.shell.internal;

import io.clientele.customer.api.CustomerExchange;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "clientele", name = "customer-count", description = "Counts an agency's (non-archived) customers")
public class CustomerCountCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Reference
    CustomerExchange customers;

    @Argument(index = 0, name = "slug", required = true, description = "The agency's slug")
    String slug;

    @Override
    public Object execute() {
        Long count = CustomerCommands.asAgency(agencies, slug, "shell", customers::count);
        if (count != null) {
            System.out.println(count);
        }
        return null;
    }
}
