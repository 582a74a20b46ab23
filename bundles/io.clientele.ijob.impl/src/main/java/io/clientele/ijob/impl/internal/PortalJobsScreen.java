package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Jobs" page ({@code /portal/{agencySlug}/jobs}): the customer's iJob jobs and a form to request a new
 * one, contributed by this module while it is installed; its script is served with {@link PortalPiecesScreen}'s assets.
 */
@Component(service = WebExtension.class)
public class PortalJobsScreen implements WebExtension {

    @Override
    public String id() {
        return "ijob.jobs";
    }

    @Override
    public String app() {
        return APP_PORTAL;
    }

    @Override
    public String slot() {
        return SLOT_NAV;
    }

    @Override
    public String route() {
        return "jobs";
    }

    @Override
    public String labelKey() {
        return "ijob.nav.jobs";
    }

    @Override
    public int order() {
        return 55;
    }

    @Override
    public String moduleId() {
        return IJobModule.ID;
    }

    @Override
    public String portalTab() {
        return "Jobs";
    }

    @Override
    public String assetsPath() {
        return PortalPiecesScreen.ASSETS;
    }

    @Override
    public String script() {
        return "jobs.js";
    }
}
