package io.clientele.portal.impl.internal;

import io.clientele.contact.api.PortalPolicy;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebExtensionGate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The portal's tabs in the web app's navigation: a screen that belongs to a portal tab ({@link WebExtension#portalTab()},
 * e.g. iJob's pieces in {@code "Jobs"}) is listed only while the caller's agency has that tab switched on — the same
 * rule the tab's endpoints answer 403 by ({@link PortalPolicy#tabEnabled}). Screens of no tab are not this gate's
 * concern. Leaves with the module, so without it every tab's screens are listed again, as its endpoints open again.
 */
@Component(service = WebExtensionGate.class)
public class PortalTabsWebGate implements WebExtensionGate {

    private final PortalPolicy policy;

    @Activate
    public PortalTabsWebGate(@Reference PortalPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean allows(Principal caller, WebExtension extension) {
        String tab = extension.portalTab();
        return tab == null || tab.isBlank() || policy.tabEnabled(tab);
    }
}
