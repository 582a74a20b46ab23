package io.clientele.portal.impl.internal;

import io.clientele.platform.api.web.WebExtension;
import org.osgi.service.component.annotations.Component;

/** The portal Home's card "Your account": balance due, open invoices and the latest service notes ({@code GET /portal/home}). */
@Component(service = WebExtension.class)
public class PortalHomeCard implements WebExtension {

    @Override
    public String id() {
        return "portal.home";
    }

    @Override
    public String app() {
        return APP_PORTAL;
    }

    @Override
    public String slot() {
        return SLOT_HOME;
    }

    @Override
    public String route() {
        return "";
    }

    @Override
    public String labelKey() {
        return "portal.home.title";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String moduleId() {
        return PortalModule.ID;
    }

    @Override
    public String portalTab() {
        return "Home";
    }

    @Override
    public String assetsPath() {
        return PortalDocumentsScreen.ASSETS;
    }

    @Override
    public String script() {
        return "home.js";
    }
}
