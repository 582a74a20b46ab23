package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebScreen;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Pieces" page ({@code /portal/{agencySlug}/pieces} and {@code pieces/{id}}: the list, a piece with its
 * timeline, approve, request changes), contributed by this module while it is installed. It also serves the module's
 * web assets ({@code web/ext/ijob} in this bundle) at {@value #ASSETS} through the OSGi HTTP Whiteboard, so they come
 * and go with the bundle.
 */
@Component(service = WebExtension.class, property = {
        "osgi.http.whiteboard.resource.pattern=" + PortalPiecesScreen.ASSETS + "/*",
        "osgi.http.whiteboard.resource.prefix=/web/ext/ijob"})
public class PortalPiecesScreen extends WebScreen {

    static final String ASSETS = "/web/ext/ijob";

    public PortalPiecesScreen() {
        super(WebScreen.of(APP_PORTAL, SLOT_NAV, "ijob.pieces").route("pieces").labelKey("ijob.nav.pieces").order(50)
                .moduleId(IJobModule.ID).portalTab("Jobs").script(ASSETS, "pieces.js"));
    }
}
