package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Documents" page ({@code /portal/{agencySlug}/documents}: list, download, upload with progress), contributed
 * by this module while it is installed and listed only while the Documents tab is on. It also serves the module's web
 * assets ({@code web/ext/portal} in this bundle) at {@value #ASSETS} through the OSGi HTTP Whiteboard.
 */
@Component(service = WebExtension.class, property = {
        "osgi.http.whiteboard.resource.pattern=" + PortalDocumentsScreen.ASSETS + "/*",
        "osgi.http.whiteboard.resource.prefix=/web/ext/portal"})
public class PortalDocumentsScreen implements WebExtension {

    static final String ASSETS = "/web/ext/portal";

    @Override
    public String id() {
        return "portal.documents";
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
        return "documents";
    }

    @Override
    public String labelKey() {
        return "portal.nav.documents";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public String moduleId() {
        return PortalModule.ID;
    }

    @Override
    public String portalTab() {
        return "Documents";
    }

    @Override
    public String assetsPath() {
        return ASSETS;
    }

    @Override
    public String script() {
        return "documents.js";
    }
}
