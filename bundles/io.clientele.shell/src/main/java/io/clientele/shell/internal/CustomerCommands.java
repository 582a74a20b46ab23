package io.clientele.shell.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.function.Supplier;

/** Running customer commands as the system principal of an agency. */
final class CustomerCommands {

    private CustomerCommands() {
    }

    /** Runs {@code work} as the agency's system principal; prints why not and returns null when there is no such agency. */
    static <T> T asAgency(AgencyDirectory agencies, String slug, String what, Supplier<T> work) {
        Agency agency = agencies.findBySlug(slug).orElse(null);
        if (agency == null) {
            System.err.println("No agency " + slug);
            return null;
        }
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), what), work);
    }
}
