package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/** The portal's "My details" page ({@code /portal/{agencySlug}/details}): the contact's own name, phone and position. */
@Component(service = WebExtension.class)
public class PortalDetailsScreen extends WebScreen {

    public PortalDetailsScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, "portal.details").route("details").labelKey("portal.nav.details").order(90)
                .moduleId(PortalModule.ID).script(PortalDocumentsScreen.ASSETS, "details.js"));
    }
}
