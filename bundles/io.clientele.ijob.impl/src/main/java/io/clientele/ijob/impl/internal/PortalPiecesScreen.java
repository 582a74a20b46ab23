package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.web.WebExtension;
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
public class PortalPiecesScreen implements WebExtension {

    static final String ASSETS = "/web/ext/ijob";

    @Override
    public String id() {
        return "ijob.pieces";
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
        return "pieces";
    }

    @Override
    public String labelKey() {
        return "ijob.nav.pieces";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String moduleId() {
        return IJobModule.ID;
    }

    @Override
    public String portalTab() {
        return "Jobs";
    }

    @Override
    public String assetsPath() {
        return ASSETS;
    }

    @Override
    public String script() {
        return "pieces.js";
    }
}
