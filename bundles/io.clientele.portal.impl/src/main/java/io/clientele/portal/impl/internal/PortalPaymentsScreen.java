package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
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
public class PortalPaymentsScreen extends WebScreen {

    static final String ID = "portal.payments";

    public PortalPaymentsScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, ID).route("payments").labelKey("portal.nav.payments").order(30)
                .moduleId(PortalModule.ID).portalTab("Payments").script(PortalDocumentsScreen.ASSETS, "payments.js"));
    }
}
