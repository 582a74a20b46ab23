package io.clientele.shell.internal;

import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "clientele", name = "agency-list", description = "Lists the platform's agencies and their modules")
public class AgencyListCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Slug");
        table.column("Name");
        table.column("Modules");
        table.column("Created");
        for (Agency a : agencies.list()) {
            table.addRow().addContent(a.slug(), a.name(), String.join(",", a.modules()), a.createdAt());
        }
        table.print(System.out);
        return null;
    }
}
