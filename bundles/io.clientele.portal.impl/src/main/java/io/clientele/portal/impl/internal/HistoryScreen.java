package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import io.clientele.portal.api.PortalTab;
import org.osgi.service.component.annotations.Component;

/** The portal's "History" page ({@code /portal/{agencySlug}/history}, tab History): the customer-visible events, newest first, page by page. */
@Component(service = WebExtension.class)
public class HistoryScreen extends DeskScreen {

    public HistoryScreen() {
        super("history", "history", 60, PortalTab.HISTORY);
    }
}
