package io.clientele.shell.internal;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Service
@Command(scope = "clientele", name = "agency-create", description = "Creates an agency with its first ADMIN user")
public class AgencyCreateCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Reference
    Session session;

    @Argument(index = 0, name = "slug", required = true, description = "Unique slug (3-63 lower-case letters, digits, hyphens)")
    String slug;

    @Argument(index = 1, name = "name", required = true, description = "Agency name")
    String name;

    @Option(name = "--admin-name", required = true, description = "Name of the first ADMIN user")
    String adminName;

    @Option(name = "--admin-email", required = true, description = "E-mail of the first ADMIN user")
    String adminEmail;

    @Option(name = "--admin-password", description = "Password of the first ADMIN user (asked for when omitted)")
    String adminPassword;

    @Option(name = "--module", aliases = "-m", multiValued = true, description = "A module to subscribe (repeatable)")
    List<String> modules;

    @Option(name = "--locale", description = "The agency's language, what its e-mails are written in: pt-BR (default) or en")
    String locale;

    @Override
    public Object execute() throws Exception {
        String password = adminPassword != null ? adminPassword : session.readLine("Password for " + adminEmail + ": ", '*');
        try {
            Agency agency = agencies.create(new AgencyDirectory.NewAgency(name, slug,
                    modules == null ? null : new LinkedHashSet<>(modules), adminName, adminEmail, password, locale));
            System.out.println("Created agency " + agency.slug() + " (" + agency.id() + ") with modules " + agency.modules());
        } catch (ProblemException e) {
            System.err.println(Problems.describe(e));
        } catch (Refusal e) {
            System.err.println(Problems.describe(e));
        }
        return null;
    }
}
