package io.clientele.contact.api;

import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Portal access of contacts, for the portal module and other bundles. Every method applies the same rules as
 * the REST API: agency-side methods reach only contacts whose customer the caller can see (else
 * {@link Refused.Reason#CONTACT_NOT_FOUND}). Refusals are {@link Refused} (since 1.3.0; the REST edge answers them
 * as the 400, 404 and 409 problems they were documented as).
 */
@ProviderType
public interface PortalAccess {

    /**
     * E-mails the contact a single-use activation link (older ones stop working) and marks it INVITED, in the
     * caller's transaction.
     *
     * @throws Refused {@link Refused.Reason#CONTACT_NOT_FOUND}; {@link Refused.Reason#NO_EMAIL} naming {@code email};
     *                 {@link Refused.Reason#ALREADY_ACTIVE} naming {@code portalStatus}; {@link Refused.Reason#EMAIL_TAKEN}
     *                 naming {@code email} when another contact of the agency has portal access with it
     */
    Contact invite(String contactId);

    /**
     * E-mails an ACTIVE contact a single-use password-reset link.
     *
     * @throws Refused {@link Refused.Reason#CONTACT_NOT_FOUND}; {@link Refused.Reason#NO_ACTIVE_ACCESS} naming
     *                 {@code portalStatus}
     */
    void sendPasswordReset(String contactId);

    /**
     * Sets the contact's portal status to DISABLED, voids its links and ends every session at once.
     *
     * @throws Refused {@link Refused.Reason#CONTACT_NOT_FOUND}
     */
    Contact disable(String contactId);

    /**
     * The contacts of the caller's agency whose customer the caller can see, oldest first: with a portal account
     * ({@link PortalStatus#ACTIVE} or {@link PortalStatus#DISABLED}) when {@code withAccount}, else without one
     * ({@link PortalStatus#NONE} or {@link PortalStatus#INVITED}); {@code null} lists both.
     *
     * @since 1.5.0
     */
    Page<PortalAccount> accounts(Boolean withAccount, PageRequest page);

    /**
     * One contact the caller can see as the list of portal users shows it (its usable invitation link's expiry tells
     * whether inviting it again would send a second live link).
     *
     * @since 1.5.0
     */
    Optional<PortalAccount> account(String contactId);

    /**
     * The contact behind the current portal session (no customer visibility rule applies to a contact's own
     * record); empty when the caller is not a contact or the contact is gone.
     */
    Optional<Contact> currentContact();

    /**
     * Why portal access was refused; each reason has one {@link Refusal.Kind}, what the REST edge answers it as.
     *
     * @since 1.3.0
     */
    final class Refused extends Refusal {
        private static final long serialVersionUID = 1L;

        public enum Reason implements Refusal.Reason {
            /** No such contact for the caller (its customer not visible, another agency's, deleted). */
            @As(Kind.NOT_FOUND) CONTACT_NOT_FOUND,
            /** The contact has no e-mail to invite (field {@code email}). */
            @As(Kind.INVALID) NO_EMAIL,
            /** The contact already has portal access (field {@code portalStatus}). */
            @As(Kind.CONFLICT) ALREADY_ACTIVE,
            /** Another contact of the agency has portal access with this e-mail (field {@code email}). */
            @As(Kind.CONFLICT) EMAIL_TAKEN,
            /** The contact has no active portal access (field {@code portalStatus}). */
            @As(Kind.CONFLICT) NO_ACTIVE_ACCESS
        }

        public Refused(Reason reason, String message, List<Field> fields) {
            super(reason, message, fields);
        }

        /** A refusal naming one field; an {@link Kind#INVALID} one has {@link Refusal#INVALID_FIELDS} as its message. */
        public static Refused field(Reason reason, String field, String message) {
            return onField(Refused::new, reason, field, message);
        }

        @Override
        public Reason reason() {
            return (Reason) super.reason();
        }
    }
}
