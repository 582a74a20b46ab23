package io.clientele.contact.api;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an agency decided about its customer portal, for the core's portal access ({@link PortalAccess}): published by
 * the portal module (feature {@code clientele-portal}) and consulted through an optional reference, so the core never
 * reads the module's tables and, while no such service is registered, keeps its defaults (logins allowed, every tab on,
 * the platform's invitation text). Every method answers for the agency of the current
 * {@link io.clientele.platform.api.RequestContext}, and answers the defaults for an agency that does not subscribe to
 * the portal module.
 *
 * @since 1.5.0
 */
@ConsumerType
public interface PortalPolicy {

    /** The placeholder of the invitation text that carries the contact's name. */
    String CONTACT_NAME = "contactName";
    /** The placeholder of the invitation text that carries the single-use activation link. */
    String ACTIVATION_LINK = "activationLink";
    /** The placeholder of the invitation text that carries the agency's name. */
    String AGENCY_NAME = "agencyName";

    /** Whether the agency's contacts may log in to the portal (login, activation, password reset, session refresh). */
    boolean loginsEnabled();

    /**
     * The agency's own invitation e-mail with {@code values} ({@link #CONTACT_NAME}, {@link #ACTIVATION_LINK},
     * {@link #AGENCY_NAME}) put in, or empty when the agency has none and the platform's default text is sent.
     */
    Optional<Text> invitation(Map<String, String> values);

    /**
     * Whether the contact-side tab {@code tab} (such as {@code "Jobs"}) is switched on; a tab the agency never
     * switched off is on.
     */
    boolean tabEnabled(String tab);

    /** An e-mail body as sanitised HTML and as plain text. */
    record Text(String html, String text) {
    }
}
