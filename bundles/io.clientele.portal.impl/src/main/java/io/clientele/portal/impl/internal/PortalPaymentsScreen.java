package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Payments" page ({@code /portal/{agencySlug}/payments}; {@code ?invoice=} preselects an invoice, as the
 * autopay e-mails link it, {@code ?payment=} polls a payment the browser returns to from the gateway's page,
 * {@code ?setup=} waits for the card saved there, {@code canceled=true} says the payer cancelled on that page): open
 * invoices to pay one or several, the method, the boleto voucher or Pix code, autopay and the saved card. Listed while
 * the agency has the Payments tab on (PortalTabsWebGate). Its script is among the assets {@link PortalDocumentsScreen}
 * serves.
 */
@Component(service = WebExtension.class)
public class PortalPaymentsScreen implements WebExtension {

    static final String ID = "portal.payments";

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
        return "payments";
    }

    @Override
    public String labelKey() {
        return "portal.nav.payments";
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
        return "Payments";
    }

    @Override
    public String assetsPath() {
        return PortalDocumentsScreen.ASSETS;
    }

    @Override
    public String script() {
        return "payments.js";
    }
}
