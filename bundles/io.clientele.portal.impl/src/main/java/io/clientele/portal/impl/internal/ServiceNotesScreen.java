package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's "Service notes" page ({@code /portal/{agencySlug}/service-notes}, tab ServiceNotes). Also serves the
 * desk pages' assets ({@code web/ext/portal-desk} in this bundle) at {@value DeskScreen#ASSETS} through the OSGi HTTP
 * Whiteboard, so they come and go with the module.
 */
@Component(service = WebExtension.class, property = {
        "osgi.http.whiteboard.resource.pattern=" + DeskScreen.ASSETS + "/*",
        "osgi.http.whiteboard.resource.prefix=/web/ext/portal-desk"})
public class ServiceNotesScreen extends DeskScreen {

    public ServiceNotesScreen() {
        super("notes", "service-notes", 70, PortalTab.SERVICE_NOTES);
    }
}
