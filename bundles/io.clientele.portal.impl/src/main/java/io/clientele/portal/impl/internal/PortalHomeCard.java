package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/** The portal Home's card "Your account": balance due, open invoices and the latest service notes ({@code GET /portal/home}). */
@Component(service = WebExtension.class)
public class PortalHomeCard extends WebScreen {

    public PortalHomeCard() {
        super(WebScreen.of(APP_PORTAL, SLOT_HOME, "portal.home").route("").labelKey("portal.home.title").order(10)
                .moduleId(PortalModule.ID).portalTab("Home").script(PortalDocumentsScreen.ASSETS, "home.js"));
    }
}
