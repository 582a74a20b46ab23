package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/** The portal Home's "Awaiting your approval" card (pieces waiting for the contact), linking to the Pieces page. */
@Component(service = WebExtension.class)
public class PortalApprovalsCard implements WebExtension {

    @Override
    public String id() {
        return "ijob.awaiting-approval";
    }

    @Override
    public String app() {
        return APP_PORTAL;
    }

    @Override
    public String slot() {
        return SLOT_HOME;
    }

    @Override
    public String route() {
        return "pieces";
    }

    @Override
    public String labelKey() {
        return "ijob.home.awaiting";
    }

    @Override
    public int order() {
        return 20;
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
        return "pieces.js";
    }
}
