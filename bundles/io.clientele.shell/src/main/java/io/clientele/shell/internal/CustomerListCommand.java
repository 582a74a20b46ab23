package io.clientele.shell.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerExchange;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "clientele", name = "customer-list", description = "Lists an agency's (non-archived) customers by name")
public class CustomerListCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Reference
    CustomerExchange customers;

    @Argument(index = 0, name = "slug", required = true, description = "The agency's slug")
    String slug;

    @Option(name = "--limit", description = "At most this many customers (default 100)")
    int limit = 100;

    @Override
    public Object execute() {
        List<Customer> shown = CustomerCommands.asAgency(agencies, slug, "shell", () -> {
            List<Customer> out = new ArrayList<>();
            String cursor = null;
            do {
                CustomerExchange.Slice slice = customers.list(Math.min(1000, limit - out.size()), cursor);
                out.addAll(slice.items());
                cursor = slice.nextCursor();
            } while (cursor != null && out.size() < limit);
            return out;
        });
        if (shown == null) {
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Company name");
        table.column("E-mail");
        table.column("Id");
        for (Customer c : shown) {
            table.addRow().addContent(c.name(), c.companyName() == null ? "" : c.companyName(), c.email() == null ? "" : c.email(), c.id());
        }
        table.print(System.out);
        return null;
    }
}
