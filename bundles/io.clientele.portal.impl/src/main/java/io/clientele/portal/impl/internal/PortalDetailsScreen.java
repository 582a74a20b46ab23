package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/** The portal's "My details" page ({@code /portal/{agencySlug}/details}): the contact's own name, phone and position. */
@Component(service = WebExtension.class)
public class PortalDetailsScreen implements WebExtension {

    @Override
    public String id() {
        return "portal.details";
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
        return "details";
    }

    @Override
    public String labelKey() {
        return "portal.nav.details";
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public String moduleId() {
        return PortalModule.ID;
    }

    @Override
    public String assetsPath() {
        return PortalDocumentsScreen.ASSETS;
    }

    @Override
    public String script() {
        return "details.js";
    }
}
