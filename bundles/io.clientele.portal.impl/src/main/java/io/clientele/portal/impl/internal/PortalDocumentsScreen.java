package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Documents" page ({@code /portal/{agencySlug}/documents}: list, download, upload with progress), contributed
 * by this module while it is installed and listed only while the Documents tab is on. It also serves the module's web
 * assets ({@code web/ext/portal} in this bundle) at {@value #ASSETS} through the OSGi HTTP Whiteboard.
 */
@Component(service = WebExtension.class, property = {
        "osgi.http.whiteboard.resource.pattern=" + PortalDocumentsScreen.ASSETS + "/*",
        "osgi.http.whiteboard.resource.prefix=/web/ext/portal"})
public class PortalDocumentsScreen extends WebScreen {

    static final String ASSETS = "/web/ext/portal";

    public PortalDocumentsScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, "portal.documents").route("documents").labelKey("portal.nav.documents").order(70)
                .moduleId(PortalModule.ID).portalTab("Documents").script(ASSETS, "documents.js"));
    }
}
