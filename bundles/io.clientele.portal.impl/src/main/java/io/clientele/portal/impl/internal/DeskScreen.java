package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;

/**
 * One of the portal's service-desk pages this module contributes to the portal web app while it is installed (a
 * navigation entry behind its portal tab): Service notes, Request service, History. Their ES modules and message files
 * are this bundle's {@code web/ext/portal-desk} folder, served at {@value #ASSETS} (see {@link ServiceNotesScreen}).
 */
abstract class DeskScreen implements WebExtension {

    static final String ASSETS = "/web/ext/portal-desk";

    private final String screen;
    private final String route;
    private final int order;
    private final String tab;

    DeskScreen(String screen, String route, int order, PortalTab tab) {
        this.screen = screen;
        this.route = route;
        this.order = order;
        this.tab = tab.label();
    }

    @Override
    public String id() {
        return PortalModule.ID + "." + screen;
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
        return route;
    }

    @Override
    public String labelKey() {
        return "portalDesk.nav." + screen;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String moduleId() {
        return PortalModule.ID;
    }

    @Override
    public String portalTab() {
        return tab;
    }

    @Override
    public String assetsPath() {
        return ASSETS;
    }

    @Override
    public String script() {
        return screen + ".js";
    }
}
