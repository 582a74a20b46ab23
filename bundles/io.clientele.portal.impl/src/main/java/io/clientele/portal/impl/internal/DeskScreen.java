package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebScreen;
import io.clientele.portal.api.PortalTab;

/**
 * One of the portal's service-desk pages this module contributes to the portal web app while it is installed (a
 * navigation entry behind its portal tab): Service notes, Request service, History. Their ES modules and message files
 * are this bundle's {@code web/ext/portal-desk} folder, served at {@value #ASSETS} (see {@link ServiceNotesScreen}).
 */
abstract class DeskScreen extends WebScreen {

    static final String ASSETS = "/web/ext/portal-desk";

    DeskScreen(String screen, String route, int order, PortalTab tab) {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, PortalModule.ID + "." + screen).route(route).labelKey("portalDesk.nav." + screen)
                .order(order).moduleId(PortalModule.ID).portalTab(tab.label()).script(ASSETS, screen + ".js"));
    }
}
