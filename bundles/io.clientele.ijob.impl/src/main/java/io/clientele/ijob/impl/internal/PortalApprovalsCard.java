package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/** The portal Home's "Awaiting your approval" card (pieces waiting for the contact), linking to the Pieces page. */
@Component(service = WebExtension.class)
public class PortalApprovalsCard extends WebScreen {

    public PortalApprovalsCard() {
        super(WebScreen.of(APP_PORTAL, SLOT_HOME, "ijob.awaiting-approval").route("pieces").labelKey("ijob.home.awaiting").order(20)
                .moduleId(IJobModule.ID).portalTab("Jobs").script(PortalPiecesScreen.ASSETS, "pieces.js"));
    }
}
