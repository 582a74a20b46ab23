package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.contact.api.PortalAccount;
import io.clientele.contact.api.PortalStatus;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agency's portal users, through the core's {@link PortalAccess} (the module keeps no copy of contacts or their
 * accounts): the list, invitations of many contacts at once, password resets and disabling.
 */
@Component(service = PortalUsers.class)
public class PortalUsers {

    static final int MAX_INVITES = 100;

    private final PortalAccess access;
    private final Autopay autopay;

    @Activate
    public PortalUsers(@Reference PortalAccess access, @Reference Autopay autopay) {
        this.access = access;
        this.autopay = autopay;
    }

    /**
     * A contact in the list of portal users; {@code autopay}: whether its saved card is charged when an invoice is issued,
     * {@code autopayDetails} the card and the last automatic charge's outcome (e.g. DECLINED with the reason).
     */
    public record PortalUser(String contactId, String customerId, String name, String email, PortalStatus portalStatus,
                             boolean hasAccount, Instant lastLoginAt, Instant invitationExpiresAt, boolean autopay,
                             Autopay.AutopayView autopayDetails) {
        static PortalUser of(PortalAccount a, Autopay.AutopayView autopay) {
            Contact c = a.contact();
            Autopay.AutopayView view = autopay == null ? Autopay.AutopayView.of(null) : autopay;
            return new PortalUser(c.id(), c.customerId(), c.name(), c.email(), c.portalStatus(),
                    c.portalStatus() == PortalStatus.ACTIVE || c.portalStatus() == PortalStatus.DISABLED, a.lastLoginAt(),
                    a.invitationExpiresAt(), view.enabled(), view);
        }
    }

    private PortalUser user(PortalAccount a) {
        return PortalUser.of(a, autopay.views(List.of(a.contact().id())).get(a.contact().id()));
    }

    public Page<PortalUser> list(Boolean withoutAccount, PageRequest request) {
        Page<PortalAccount> page = access.accounts(withoutAccount == null ? null : !withoutAccount, request);
        java.util.Map<String, Autopay.AutopayView> autopays = autopay.views(page.items().stream().map(a -> a.contact().id()).toList());
        return new Page<>(page.items().stream().map(a -> PortalUser.of(a, autopays.get(a.contact().id()))).toList(), page.nextCursor());
    }

    /** What became of one contact of a bulk invitation. */
    public enum Outcome {
        /** An invitation e-mail went out. */
        INVITED,
        /** It already holds a usable invitation link: nothing was sent again. */
        ALREADY_INVITED,
        /** It already has portal access. */
        ALREADY_ACTIVE,
        /** It has no e-mail address. */
        NO_EMAIL,
        /** Another contact of the agency has portal access with its e-mail. */
        EMAIL_TAKEN,
        /** No such contact for the caller. */
        NOT_FOUND
    }

    public record InviteResult(String contactId, Outcome outcome, Instant invitationExpiresAt) {
    }

    /**
     * Invites each contact once: one e-mail per contact, each in its own transaction through the outbox, so one
     * contact's refusal leaves the others invited. A contact already holding a usable link is not mailed again, so
     * repeating the request sends nothing twice.
     */
    public List<InviteResult> invite(List<String> contactIds) {
        if (contactIds == null || contactIds.isEmpty()) {
            throw ProblemException.invalid("contactIds", "is required: one or more contact ids");
        }
        if (contactIds.size() > MAX_INVITES) {
            throw ProblemException.invalid("contactIds", "may name at most " + MAX_INVITES + " contacts at once");
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < contactIds.size(); i++) {
            if (contactIds.get(i) == null || contactIds.get(i).isBlank()) {
                errors.add("contactIds[" + i + "]", "must be a contact id");
            }
        }
        errors.throwIfAny();
        Set<String> ids = new LinkedHashSet<>(contactIds);
        List<InviteResult> results = new ArrayList<>();
        for (String id : ids) {
            results.add(inviteOne(id));
        }
        return results;
    }

    private InviteResult inviteOne(String contactId) {
        Optional<PortalAccount> account = contactId.length() > 36 ? Optional.empty() : access.account(contactId);
        if (account.isEmpty()) {
            return new InviteResult(contactId, Outcome.NOT_FOUND, null);
        }
        Contact c = account.get().contact();
        if (c.portalStatus() == PortalStatus.ACTIVE) {
            return new InviteResult(contactId, Outcome.ALREADY_ACTIVE, null);
        }
        if (c.portalStatus() == PortalStatus.INVITED && account.get().invitationExpiresAt() != null) {
            return new InviteResult(contactId, Outcome.ALREADY_INVITED, account.get().invitationExpiresAt());
        }
        try {
            access.invite(contactId);
        } catch (PortalAccess.Refused refused) {
            return new InviteResult(contactId, switch (refused.reason()) {
                case NO_EMAIL -> Outcome.NO_EMAIL;
                case EMAIL_TAKEN -> Outcome.EMAIL_TAKEN;
                case ALREADY_ACTIVE -> Outcome.ALREADY_ACTIVE;
                default -> Outcome.NOT_FOUND;
            }, null);
        }
        return new InviteResult(contactId, Outcome.INVITED, access.account(contactId).map(PortalAccount::invitationExpiresAt).orElse(null));
    }

    public void resetPassword(String contactId) {
        access.sendPasswordReset(contactId);
    }

    public PortalUser disable(String contactId) {
        access.disable(contactId);
        return access.account(contactId).map(this::user).orElseThrow(() -> ProblemException.notFound("Contact " + contactId));
    }
}
