package io.clientele.web.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The portal shell's own assets (its ES modules, style sheet and message files, in this bundle's {@code web/portal}
 * folder), served at {@code /web/portal/…} through the OSGi HTTP Whiteboard — as each module serves its screens'.
 */
@Component(service = PortalAssets.class, property = {
        "osgi.http.whiteboard.resource.pattern=/web/portal/*",
        "osgi.http.whiteboard.resource.prefix=/web/portal"})
public class PortalAssets {
}
