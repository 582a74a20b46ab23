package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/** The portal's "Request service" page ({@code /portal/{agencySlug}/service-requests}, tab RequestService): the form and the customer's requests with the team's answers. */
@Component(service = WebExtension.class)
public class ServiceRequestScreen extends DeskScreen {

    public ServiceRequestScreen() {
        super("requests", "service-requests", 80, PortalTab.REQUEST_SERVICE);
    }
}
