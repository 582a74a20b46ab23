package io.clientele.portal.impl.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebExtensionGate;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lists the portal's Invoices, Estimates and Payments screens only while their endpoints have invoices to show: the monthly-fee module is
 * installed and the caller's agency subscribes to it ({@link PortalBilling#available}). Other screens are not its concern.
 */
@Component(service = WebExtensionGate.class)
public class PortalBillingWebGate implements WebExtensionGate {

    private static final Set<String> SCREENS = Set.of(PortalInvoicesScreen.ID, PortalEstimatesScreen.ID, PortalPaymentsScreen.ID);

    private final PortalBilling billing;

    @Activate
    public PortalBillingWebGate(@Reference PortalBilling billing) {
        this.billing = billing;
    }

    @Override
    public boolean allows(Principal caller, WebExtension extension) {
        return !SCREENS.contains(extension.id()) || billing.available(caller.agencyId());
    }
}
