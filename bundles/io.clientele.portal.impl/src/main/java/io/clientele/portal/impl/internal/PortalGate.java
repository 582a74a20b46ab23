package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.portal.api.PortalTab;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one check every contact-side endpoint of the module makes: the caller is a contact, and the tab its endpoint
 * belongs to is switched on by the contact's agency (else 403 {@code forbidden}). Answers the contact, whose customer
 * is the only one its requests reach.
 */
@Component(service = PortalGate.class)
public class PortalGate {

    private final PortalSettingsStore settings;
    private final PortalAccess access;

    @Activate
    public PortalGate(@Reference PortalSettingsStore settings, @Reference PortalAccess access) {
        this.settings = settings;
        this.access = access;
    }

    /** The calling contact, once {@code tab} is found switched on. */
    public Contact enter(PortalTab tab) {
        Contact contact = contact();
        if (!settings.openTabs().contains(tab)) {
            throw ProblemException.forbidden(PortalTexts.MESSAGES.text("gate.tab_off", Map.of("tab", PortalTexts.MESSAGES.text("tab." + tab.name()))));
        }
        return contact;
    }

    /** The calling contact (no tab involved). */
    public Contact contact() {
        if (RequestContext.principal().kind() != PrincipalKind.CONTACT) {
            throw ProblemException.forbidden(PortalTexts.MESSAGES.text("gate.contacts_only"));
        }
        return access.currentContact().orElseThrow(() -> ProblemException.unauthorized(PortalTexts.MESSAGES.text("gate.account_inactive")));
    }
}
