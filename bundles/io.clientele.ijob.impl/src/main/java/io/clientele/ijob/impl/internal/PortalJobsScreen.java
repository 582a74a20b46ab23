package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Jobs" page ({@code /portal/{agencySlug}/jobs}): the customer's iJob jobs and a form to request a new
 * one, contributed by this module while it is installed; its script is served with {@link PortalPiecesScreen}'s assets.
 */
@Component(service = WebExtension.class)
public class PortalJobsScreen extends WebScreen {

    public PortalJobsScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, "ijob.jobs").route("jobs").labelKey("ijob.nav.jobs").order(55)
                .moduleId(IJobModule.ID).portalTab("Jobs").script(PortalPiecesScreen.ASSETS, "jobs.js"));
    }
}
