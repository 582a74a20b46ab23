package io.clientele.contact.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Portal access of contacts, for the portal module and other bundles. Every method applies the same rules as
 * the REST API: agency-side methods reach only contacts whose customer the caller can see (else 404).
 */
@ProviderType
public interface PortalAccess {

    /**
     * E-mails the contact a single-use activation link (older ones stop working) and marks it INVITED, in the
     * caller's transaction. 400 naming {@code email} when it has none; 409 when it already has access.
     */
    Contact invite(String contactId);

    /** E-mails an ACTIVE contact a single-use password-reset link; 409 when the contact has no active access. */
    void sendPasswordReset(String contactId);

    /** Sets the contact's portal status to DISABLED, voids its links and ends every session at once. */
    Contact disable(String contactId);

    /**
     * The contact behind the current portal session (no customer visibility rule applies to a contact's own
     * record); empty when the caller is not a contact or the contact is gone.
     */
    Optional<Contact> currentContact();
}
