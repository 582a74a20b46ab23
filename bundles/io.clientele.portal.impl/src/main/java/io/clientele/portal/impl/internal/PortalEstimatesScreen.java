package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Estimates" page ({@code /portal/{agencySlug}/estimates} and {@code estimates/{id}}: the list, an estimate
 * with its lines and PDF, accept or decline with an optional comment after a confirmation), in tab Estimates. Its assets
 * are served with the Invoices screen's ({@link PortalInvoicesScreen#ASSETS}).
 */
@Component(service = WebExtension.class)
public class PortalEstimatesScreen implements WebExtension {

    static final String ID = "portal.estimates";

    @Override
    public String id() {
        return ID;
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
        return "estimates";
    }

    @Override
    public String labelKey() {
        return "billing.nav.estimates";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String moduleId() {
        return PortalModule.ID;
    }

    @Override
    public String portalTab() {
        return PortalTab.ESTIMATES.label();
    }

    @Override
    public String assetsPath() {
        return PortalInvoicesScreen.ASSETS;
    }

    @Override
    public String script() {
        return "estimates.js";
    }
}
