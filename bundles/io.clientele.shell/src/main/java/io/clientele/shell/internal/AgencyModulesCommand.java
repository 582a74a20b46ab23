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
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "clientele", name = "agency-modules", description = "Sets the modules an agency subscribes to (none given: unsubscribes all)")
public class AgencyModulesCommand implements Action {

    @Reference
    AgencyDirectory agencies;

    @Argument(index = 0, name = "slug", required = true, description = "The agency's slug")
    String slug;

    @Argument(index = 1, name = "modules", multiValued = true, description = "Module ids, e.g. budget monthly-fee")
    List<String> modules;

    @Override
    public Object execute() {
        try {
            Agency agency = agencies.setModules(slug, modules == null ? new LinkedHashSet<>() : new LinkedHashSet<>(modules));
            System.out.println(agency.slug() + " now subscribes to " + agency.modules());
        } catch (ProblemException e) {
            System.err.println(Problems.describe(e));
        } catch (Refusal e) {
            System.err.println(Problems.describe(e));
        }
        return null;
    }
}
