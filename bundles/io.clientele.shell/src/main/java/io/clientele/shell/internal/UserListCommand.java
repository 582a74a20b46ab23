package io.clientele.shell.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "clientele", name = "user-list", description = "Lists an agency's users")
public class UserListCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Reference
    UserDirectory users;

    @Argument(index = 0, name = "slug", required = true, description = "The agency's slug")
    String slug;

    @Override
    public Object execute() {
        Agency agency = agencies.findBySlug(slug).orElse(null);
        if (agency == null) {
            System.err.println("No agency " + slug);
            return null;
        }
        List<User> list = RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "shell"), users::all);
        ShellTable table = new ShellTable();
        table.column("E-mail");
        table.column("Name");
        table.column("Roles");
        table.column("Active");
        for (User u : list) {
            table.addRow().addContent(u.email(), u.name(), u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), u.active());
        }
        table.print(System.out);
        return null;
    }
}
