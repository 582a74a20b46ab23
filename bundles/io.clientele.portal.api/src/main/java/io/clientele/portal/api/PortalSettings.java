package io.clientele.portal.api;

import java.util.List;

/**
 * An agency's customer-portal settings as the API shows them.
 *
 * @param enabledTabs         the tabs switched on, in {@link PortalTab} order (labels)
 * @param portalLoginsEnabled the master switch: off, no contact of the agency can log in
 * @param invitationEmailHtml the agency's own invitation text (sanitised HTML with placeholders), null: the platform's
 * @param autoChargeEmailHtml the agency's own auto-charge e-mail text (sanitised HTML), null: the platform's
 * @param logoUrl             an https URL of the agency's logo, or null
 * @param version             0 while never saved, then one more for each save (the {@code ETag})
 */
public record PortalSettings(List<String> enabledTabs, boolean portalLoginsEnabled, String invitationEmailHtml,
                             String autoChargeEmailHtml, String logoUrl, long version) {
    public PortalSettings {
        enabledTabs = List.copyOf(enabledTabs);
    }
}
