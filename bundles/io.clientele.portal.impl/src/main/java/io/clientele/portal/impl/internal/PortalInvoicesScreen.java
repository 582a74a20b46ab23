package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Invoices" page ({@code /portal/{agencySlug}/invoices} and {@code invoices/{id}}: the list with the balance
 * due, an invoice with its lines and payments, its PDF), in tab Invoices. It also serves the Invoices and Estimates
 * screens' web assets ({@code web/ext/portal-billing} in this bundle) at {@value #ASSETS} through the OSGi HTTP
 * Whiteboard, so they come and go with the bundle. Listed only while the monthly-fee module is there for the agency
 * ({@link PortalBillingWebGate}).
 */
@Component(service = WebExtension.class, property = {
        "osgi.http.whiteboard.resource.pattern=" + PortalInvoicesScreen.ASSETS + "/*",
        "osgi.http.whiteboard.resource.prefix=/web/ext/portal-billing"})
public class PortalInvoicesScreen extends WebScreen {

    static final String ASSETS = "/web/ext/portal-billing";
    static final String ID = "portal.invoices";

    public PortalInvoicesScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, ID).route("invoices").labelKey("billing.nav.invoices").order(20)
                .moduleId(PortalModule.ID).portalTab(PortalTab.INVOICES.label()).script(ASSETS, "invoices.js"));
    }
}
