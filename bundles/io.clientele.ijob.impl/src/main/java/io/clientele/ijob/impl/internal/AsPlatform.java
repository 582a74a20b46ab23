package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Actor;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import java.util.function.Supplier;

/** The caller as the timeline names it, and reads made as the platform in the caller's agency. */
final class AsPlatform {

    private AsPlatform() {
    }

    /** Runs as the platform in the caller's agency: reads the customer and its contacts whatever the caller may see. */
    static <T> T run(Supplier<T> work) {
        Principal p = RequestContext.principal();
        if (p.kind() == PrincipalKind.SYSTEM) {
            return work.get();
        }
        return RequestContext.runAs(Principal.system(p.agencyId(), p.agencySlug(), "ijob"), work);
    }

    /** The caller as a timeline entry's actor. */
    static Actor actor() {
        Principal p = RequestContext.principal();
        return new Actor(p.id(), p.name(), p.kind().name());
    }
}
