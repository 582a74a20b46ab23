package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Estimates" page ({@code /portal/{agencySlug}/estimates} and {@code estimates/{id}}: the list, an estimate
 * with its lines and PDF, accept or decline with an optional comment after a confirmation), in tab Estimates. Its assets
 * are served with the Invoices screen's ({@link PortalInvoicesScreen#ASSETS}).
 */
@Component(service = WebExtension.class)
public class PortalEstimatesScreen extends WebScreen {

    static final String ID = "portal.estimates";

    public PortalEstimatesScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, ID).route("estimates").labelKey("billing.nav.estimates").order(30)
                .moduleId(PortalModule.ID).portalTab(PortalTab.ESTIMATES.label()).script(PortalInvoicesScreen.ASSETS, "estimates.js"));
    }
}
