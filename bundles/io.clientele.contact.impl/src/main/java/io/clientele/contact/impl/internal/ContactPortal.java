package io.clientele.contact.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalAccess;
import io.clientele.contact.api.PortalAccount;
import io.clientele.contact.api.PortalPolicy;
import io.clientele.contact.api.PortalAccess.Refused;
import io.clientele.contact.api.PortalAccess.Refused.Reason;
import io.clientele.contact.api.PortalStatus;
import io.clientele.contact.impl.internal.PortalTokens.Purpose;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.auth.PasswordPolicy;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Portal access of customers' contacts: invitations, activation, login, password reset and the contact's own
 * record. Contacts log in with a session of kind {@link PrincipalKind#CONTACT}, which reaches only portal
 * endpoints. Links carry random single-use tokens that are stored only as SHA-256 hashes and expire.
 */
@Component(service = {ContactPortal.class, PortalAccess.class}, configurationPid = "io.clientele.contact.portal")
@Designate(ocd = PortalConfig.class)
public class ContactPortal implements PortalAccess {

    /** A reset link is sent at most this often per contact, so forgot-password cannot flood a mailbox. */
    static final Duration RESET_MAIL_INTERVAL = Duration.ofSeconds(60);

    private final Database database;
    private final ContactStore contacts;
    /**
     * The single-use links stay SQL, not entities of the unit: a link is looked up by its hash across agencies (the
     * public activation and reset requests name none, the link decides it), used by a conditional update that only one
     * of two concurrent uses wins, and voided in bulk; the contact rows themselves go through {@link ContactStore}.
     */
    private final TenantTable tokens;
    private final AgencyDirectory agencies;
    private final CustomerDirectory customers;
    private final MailTemplates mail;
    private final MailTemplate invitationMail;
    private final MailTemplate resetMail;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionService sessions;
    private final Outbox outbox;
    private volatile PortalConfig config;

    /**
     * The agency's portal decisions (custom invitation text, logins switched off), published by the portal module while
     * it is installed; absent, the defaults apply. Never the module's tables: only this service.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PortalPolicy policy;

    @Activate
    public ContactPortal(@Reference Database database, @Reference ContactStore contacts, @Reference AgencyDirectory agencies,
                         @Reference CustomerDirectory customers, @Reference MailTemplates mail, @Reference PasswordPolicy passwordPolicy,
                         @Reference PasswordHasher hasher, @Reference LoginThrottle throttle, @Reference SessionService sessions,
                         @Reference Outbox outbox, PortalConfig config) {
        this.database = database;
        this.contacts = contacts;
        this.tokens = new TenantTable(database, "contact_portal_token");
        this.agencies = agencies;
        this.customers = customers;
        this.mail = mail;
        this.invitationMail = mail.load(ContactPortal.class, "portal-invitation");
        this.resetMail = mail.load(ContactPortal.class, "portal-password-reset");
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    @Modified
    void modified(PortalConfig changed) {
        this.config = changed;
    }

    // ---- views

    /** The contact as the contact itself sees it (the agency's internal notes stay out). */
    public record PortalContact(String id, String customerId, String name, String email, String phone, String position,
                                Boolean primary, Boolean canOpenJobsForGroup, PortalStatus portalStatus, Long version) {
        static PortalContact of(Contact c) {
            return new PortalContact(c.id(), c.customerId(), c.name(), c.email(), c.phone(), c.position(), c.primary(),
                    c.canOpenJobsForGroup(), c.portalStatus(), c.version());
        }
    }

    public record PortalSession(String accessToken, String refreshToken, long expiresIn, PortalContact contact) {
    }

    public record CustomerRef(String id, String name) {
    }

    public record AgencyRef(String slug, String name) {
    }

    public record PortalMe(PortalContact contact, CustomerRef customer, AgencyRef agency) {
    }

    public record PortalInvitation(String contactId, String email, PortalStatus portalStatus, String expiresAt) {
    }

    // ---- agency side

    // ---- the agency side's refusals (PortalAccess.Refused), answered by the REST edge as 400, 404 and 409 problems

    /** The contact the caller can see, or the refusal of one it cannot. */
    private Contact visibleContact(String contactId) {
        return contacts.find(contactId).orElseThrow(() -> Refusal.notFound(Refused::new, Reason.CONTACT_NOT_FOUND, "Contact " + contactId));
    }

    @Override
    public Contact invite(String contactId) {
        return sendInvitation(contactId).contact();
    }

    /** Invites a contact the caller can see; answers what the REST endpoint shows. */
    public PortalInvitation invitation(String contactId) {
        Sent sent = sendInvitation(contactId);
        return new PortalInvitation(sent.contact().id(), sent.contact().email(), sent.contact().portalStatus(), sent.expiresAt().toString());
    }

    private record Sent(Contact contact, Instant expiresAt) {
    }

    /** Invites a contact the caller can see: a single-use activation link goes out through the outbox. */
    private Sent sendInvitation(String contactId) {
        return database.inTransaction(tx -> {
            Contact contact = visibleContact(contactId);
            if (contact.email() == null) {
                throw Refused.field(Reason.NO_EMAIL, "email", "is required to invite the contact to the portal");
            }
            if (contact.portalStatus() == PortalStatus.ACTIVE) {
                throw Refused.field(Reason.ALREADY_ACTIVE, "portalStatus",
                        "The contact already has portal access; it can reset its password from the portal's login page.");
            }
            if (contacts.portalEmailTaken(contact.email(), contact.id())) {
                throw Refused.field(Reason.EMAIL_TAKEN, "email", "Another contact of this agency already has portal access with this e-mail.");
            }
            Agency agency = agencies.findById(RequestContext.agencyId())
                    .orElseThrow(() -> new IllegalStateException("the caller's agency does not exist"));
            Instant now = Instant.now();
            voidTokens(contact.id(), Purpose.ACTIVATE, now);
            String token = PortalTokens.generate();
            Instant expires = issue(contact.id(), Purpose.ACTIVATE, token, now, Duration.ofSeconds(Math.max(1, config.activationTokenTtlSeconds())));
            Contact invited = contacts.setPortalAccess(contact, PortalStatus.INVITED, null, "PORTAL_INVITED");
            String link = link(agency, "activate", token);
            Map<String, Object> model = linkModel(contact, agency, link, expires);
            PortalPolicy custom = policy;
            Optional<PortalPolicy.Text> text = custom == null ? Optional.empty() : custom.invitation(Map.of(
                    PortalPolicy.CONTACT_NAME, contact.name(), PortalPolicy.ACTIVATION_LINK, link, PortalPolicy.AGENCY_NAME, agency.name()));
            if (text.isPresent()) { // the agency's own text, under the platform's subject in the agency's language
                OutgoingMail standard = mail.render(invitationMail, contact.email(), mail.languageFor(null), model);
                outbox.enqueue(new OutgoingMail(contact.email(), standard.subject(), text.get().text(), text.get().html()));
            } else {
                mail.send(invitationMail, contact.email(), null, model);
            }
            return new Sent(invited, expires);
        });
    }

    @Override
    public void sendPasswordReset(String contactId) {
        database.inTransaction(tx -> {
            Contact contact = visibleContact(contactId);
            if (contact.portalStatus() != PortalStatus.ACTIVE || contact.email() == null) {
                throw Refused.field(Reason.NO_ACTIVE_ACCESS, "portalStatus", "The contact has no active portal access; invite it instead.");
            }
            Agency agency = agencies.findById(RequestContext.agencyId())
                    .orElseThrow(() -> new IllegalStateException("the caller's agency does not exist"));
            mailResetLink(contact, agency, Instant.now());
            return null;
        });
    }

    @Override
    public Contact disable(String contactId) {
        return database.inTransaction(tx -> contacts.patch(visibleContact(contactId).id(), null,
                Map.of("portalStatus", PortalStatus.DISABLED.name())));
    }

    @Override
    public Page<PortalAccount> accounts(Boolean withAccount, PageRequest page) {
        Page<ContactStore.Account> accounts = contacts.accounts(withAccount, page);
        Map<String, Instant> expiries = invitationExpiries(accounts.items());
        return new Page<>(accounts.items().stream().map(a -> new PortalAccount(a.contact(), a.lastLoginAt(), expiries.get(a.contact().id())))
                .toList(), accounts.nextCursor());
    }

    @Override
    public Optional<PortalAccount> account(String contactId) {
        return contacts.account(contactId).map(a -> new PortalAccount(a.contact(), a.lastLoginAt(),
                invitationExpiries(List.of(a)).get(a.contact().id())));
    }

    /** When the usable activation link of each INVITED contact among these expires (none: absent). */
    private Map<String, Instant> invitationExpiries(List<ContactStore.Account> accounts) {
        List<String> invited = accounts.stream().map(ContactStore.Account::contact)
                .filter(c -> c.portalStatus() == PortalStatus.INVITED).map(Contact::id).toList();
        Map<String, Instant> expiries = new java.util.HashMap<>();
        if (!invited.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(invited.size(), "?"));
            List<Object> params = new java.util.ArrayList<>(List.of(RequestContext.agencyId(), Purpose.ACTIVATE.name(), Instant.now()));
            params.addAll(invited);
            database.inTransaction(tx -> Jdbc.query(tx, "SELECT contact_id, MAX(expires_at) AS expires_at FROM contact_portal_token "
                    + "WHERE agency_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? AND contact_id IN (" + marks + ") "
                    + "GROUP BY contact_id", rs -> expiries.put(rs.getString("contact_id"), Jdbc.instant(rs, "expires_at")), params.toArray()));
        }
        return expiries;
    }

    /** Refuses with 403 when the current agency switched portal logins off (the portal module's setting). */
    private void requireLoginsEnabled() {
        PortalPolicy current = policy;
        if (current != null && !current.loginsEnabled()) {
            throw ProblemException.forbidden(ContactTexts.MESSAGES.text("portal.logins_off"));
        }
    }

    @Override
    public Optional<Contact> currentContact() {
        return RequestContext.current().filter(p -> p.kind() == PrincipalKind.CONTACT).flatMap(p -> contacts.findInAgency(p.id()));
    }

    // ---- contact side (public)

    /** Sets the password of an invited contact with the token of its invitation and logs it in. */
    public PortalSession activate(String token, String password) {
        StoredToken stored = usableToken(token, Purpose.ACTIVATE);
        passwordPolicy.check("password", password);
        Agency agency = agencyOf(stored);
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "portal activation"), () -> database.inTransaction(tx -> {
            Contact contact = contacts.findInAgency(stored.contactId()).filter(c -> c.portalStatus() == PortalStatus.INVITED)
                    .orElseThrow(PortalTokens::invalidToken);
            requireLoginsEnabled(); // before the link is used: it works again once logins are back on
            consume(stored);
            Principal self = principal(contact, agency);
            Contact active = RequestContext.runAs(self, () ->
                    contacts.setPortalAccess(contact, PortalStatus.ACTIVE, hasher.hash(password), "PORTAL_ACTIVATED"));
            contacts.recordLogin(contact.id(), Instant.now());
            return session(sessions.open(self), active);
        }));
    }

    public PortalSession login(String agencySlug, String email, String password) {
        String slug = agencySlug.trim().toLowerCase(Locale.ROOT);
        String address = email.trim().toLowerCase(Locale.ROOT);
        String accountKey = accountKey(slug, address);
        Optional<Agency> agency;
        Optional<ContactStore.PortalCredentials> account;
        // the attempt is reserved before the password is hashed; without an outcome (hashing refused) it is given back
        try (LoginThrottle.Attempt attempt = throttle.reserve(accountKey)) {
            agency = agencies.findBySlug(slug);
            account = agency.flatMap(a -> RequestContext.runAs(
                    Principal.system(a.id(), a.slug(), "portal login"), () -> contacts.activePortalAccount(address)));
            boolean ok = hasher.verifyOrDecoy(password, account.map(ContactStore.PortalCredentials::passwordHash).orElse(null))
                    && account.isPresent();
            if (!ok) {
                attempt.failed();
                throw ProblemException.unauthorized(ContactTexts.MESSAGES.text("portal.wrong_credentials"));
            }
            attempt.succeeded();
        }
        Contact contact = account.get().contact();
        Agency in = agency.get();
        return RequestContext.runAs(Principal.system(in.id(), in.slug(), "portal login"), () -> {
            requireLoginsEnabled(); // only after the password matched: the switch is no oracle for who has an account
            contacts.recordLogin(contact.id(), Instant.now());
            return session(sessions.open(principal(contact, in)), contact);
        });
    }

    /** New tokens for a contact's refresh token (the old one stops working). */
    public PortalSession refresh(String refreshToken) {
        SessionService.Tokens next = sessions.refresh(refreshToken, PrincipalKind.CONTACT);
        Principal p = sessions.authenticate(next.accessToken());
        RequestContext.runAs(p, this::requireLoginsEnabled);
        Contact contact = RequestContext.runAs(p, () -> contacts.findInAgency(p.id()))
                .orElseThrow(() -> ProblemException.unauthorized(ContactTexts.MESSAGES.text("portal.account_inactive")));
        return session(next, contact);
    }

    /**
     * Sends a password-reset link when the agency has an ACTIVE portal contact with this e-mail; otherwise does
     * nothing. The caller answers the same either way.
     */
    public void forgotPassword(String agencySlug, String email) {
        String slug = agencySlug.trim().toLowerCase(Locale.ROOT);
        String address = email.trim().toLowerCase(Locale.ROOT);
        Optional<Agency> found = agencies.findBySlug(slug);
        if (found.isEmpty()) {
            return;
        }
        Agency agency = found.get();
        RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "portal password reset"), () -> database.inTransaction(tx -> {
            Optional<ContactStore.PortalCredentials> account = contacts.activePortalAccount(address);
            if (account.isEmpty()) {
                return null;
            }
            Contact contact = account.get().contact();
            Instant now = Instant.now();
            boolean recentlySent = tokens.count("contact_id = ? AND purpose = ? AND created_at > ?",
                    List.of(contact.id(), Purpose.RESET.name(), now.minus(RESET_MAIL_INTERVAL))) > 0;
            if (recentlySent) {
                return null;
            }
            mailResetLink(contact, agency, now);
            return null;
        }));
    }

    /** Replaces the contact's reset links with a new one and queues the mail carrying it (caller's transaction). */
    private void mailResetLink(Contact contact, Agency agency, Instant now) {
        voidTokens(contact.id(), Purpose.RESET, now);
        String token = PortalTokens.generate();
        Instant expires = issue(contact.id(), Purpose.RESET, token, now, Duration.ofSeconds(Math.max(1, config.resetTokenTtlSeconds())));
        mail.send(resetMail, contact.email(), null, linkModel(contact, agency, link(agency, "reset", token), expires));
    }

    /** What the invitation and reset templates show: the contact, the agency, the single-use link and its expiry. */
    private static Map<String, Object> linkModel(Contact contact, Agency agency, String link, Instant expires) {
        return Map.of("contactName", contact.name(), "agencyName", agency.name(), "link", link,
                "expiresAt", expires.truncatedTo(ChronoUnit.MINUTES).toString());
    }

    /** Sets a new password with a reset token; every other session of the contact ends and a new one starts. */
    public PortalSession resetPassword(String token, String password) {
        StoredToken stored = usableToken(token, Purpose.RESET);
        passwordPolicy.check("password", password);
        Agency agency = agencyOf(stored);
        PortalSession result = RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "portal password reset"),
                () -> database.inTransaction(tx -> {
                    Contact contact = contacts.findInAgency(stored.contactId()).filter(c -> c.portalStatus() == PortalStatus.ACTIVE)
                            .orElseThrow(PortalTokens::invalidToken);
                    requireLoginsEnabled();
                    consume(stored);
                    Principal self = principal(contact, agency);
                    Contact saved = RequestContext.runAs(self, () ->
                            contacts.setPortalAccess(contact, PortalStatus.ACTIVE, hasher.hash(password), "PORTAL_PASSWORD_RESET"));
                    sessions.revokeAll(PrincipalKind.CONTACT, contact.id(), null);
                    return session(sessions.open(self), saved);
                }));
        if (result.contact().email() != null) {
            throttle.recordSuccess(accountKey(agency.slug(), result.contact().email().toLowerCase(Locale.ROOT)));
        }
        return result;
    }

    // ---- contact side (logged in)

    public PortalMe me() {
        Principal p = requireContact();
        Contact contact = contacts.findInAgency(p.id()).orElseThrow(() -> ProblemException.unauthorized(ContactTexts.MESSAGES.text("portal.account_inactive")));
        return me(contact, p);
    }

    /** The contact changes its own name, phone or position; recorded in the customer's history with the contact as actor. */
    public PortalMe patchMe(Long expectedVersion, Map<String, Object> patch) {
        Principal p = requireContact();
        io.clientele.platform.api.rest.FieldErrors errors = new io.clientele.platform.api.rest.FieldErrors();
        for (String field : patch.keySet()) {
            if (!Set.of("name", "phone", "position").contains(field)) {
                errors.add(field, "not_allowed", ContactTexts.MESSAGES.text("portal.me.not_allowed"));
            }
        }
        errors.throwIfAny();
        Contact saved = contacts.patchOwn(p.id(), expectedVersion, new LinkedHashMap<>(patch));
        return me(saved, p);
    }

    private PortalMe me(Contact contact, Principal p) {
        Optional<Customer> customer = RequestContext.runAs(Principal.system(p.agencyId(), p.agencySlug(), "portal"),
                () -> customers.find(contact.customerId()));
        AgencyRef agency = agencies.findById(p.agencyId()).map(a -> new AgencyRef(a.slug(), a.name())).orElse(null);
        return new PortalMe(PortalContact.of(contact), new CustomerRef(contact.customerId(), customer.map(Customer::name).orElse(null)),
                agency);
    }

    private static Principal requireContact() {
        Principal p = RequestContext.principal();
        if (p.kind() != PrincipalKind.CONTACT) {
            throw ProblemException.forbidden(ContactTexts.MESSAGES.text("portal.contacts_only"));
        }
        return p;
    }

    // ---- tokens

    /** A token row found by its hash. */
    record StoredToken(String id, String agencyId, String contactId, String purpose, Instant expiresAt, Instant usedAt) {
    }

    private Instant issue(String contactId, Purpose purpose, String token, Instant now, Duration ttl) {
        Instant expires = PortalTokens.expiry(now, ttl);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Jdbc.newId());
        row.put("contact_id", contactId);
        row.put("purpose", purpose);
        row.put("token_hash", PortalTokens.hash(token));
        row.put("created_at", now);
        row.put("expires_at", expires);
        tokens.insert(row);
        return expires;
    }

    /** Voids the contact's unused tokens of this purpose (a new invitation or reset link replaces older ones). */
    private void voidTokens(String contactId, Purpose purpose, Instant now) {
        database.inTransaction(tx -> Jdbc.update(tx, "UPDATE contact_portal_token SET used_at = ? WHERE agency_id = ? "
                + "AND contact_id = ? AND purpose = ? AND used_at IS NULL", now, RequestContext.agencyId(), contactId, purpose));
    }

    /**
     * The unused, unexpired token of this purpose, else 400 naming {@code token}. Looked up by its hash across
     * agencies: the public activation and reset requests name no agency, the token itself decides it.
     */
    private StoredToken usableToken(String token, Purpose purpose) {
        if (!PortalTokens.wellFormed(token)) {
            throw PortalTokens.invalidToken();
        }
        String hash = PortalTokens.hash(token);
        Optional<StoredToken> stored = database.inTransaction(tx -> Jdbc.queryOne(tx,
                "SELECT id, agency_id, contact_id, purpose, expires_at, used_at FROM contact_portal_token WHERE token_hash = ?",
                rs -> new StoredToken(rs.getString("id"), rs.getString("agency_id"), rs.getString("contact_id"), rs.getString("purpose"),
                        Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "used_at")), hash));
        return stored.filter(t -> purpose.name().equals(t.purpose()))
                .filter(t -> PortalTokens.usable(t.expiresAt(), t.usedAt(), Instant.now()))
                .orElseThrow(PortalTokens::invalidToken);
    }

    /** Marks the token used; only one of two concurrent uses wins. */
    private void consume(StoredToken token) {
        int used = database.inTransaction(tx -> Jdbc.update(tx, "UPDATE contact_portal_token SET used_at = ? WHERE id = ? "
                + "AND agency_id = ? AND used_at IS NULL", Instant.now(), token.id(), RequestContext.agencyId()));
        if (used != 1) {
            throw PortalTokens.invalidToken();
        }
    }

    private Agency agencyOf(StoredToken token) {
        return agencies.findById(token.agencyId()).orElseThrow(PortalTokens::invalidToken);
    }

    private String link(Agency agency, String page, String token) {
        String base = config.publicBaseUrl() == null || config.publicBaseUrl().isBlank() ? "http://localhost:8181" : config.publicBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/portal/" + agency.slug() + "/" + page + "?token=" + token;
    }

    private static Principal principal(Contact contact, Agency agency) {
        return new Principal(PrincipalKind.CONTACT, contact.id(), contact.name(), agency.id(), agency.slug(), Set.of(), null);
    }

    static String accountKey(String agencySlug, String emailLower) {
        return "contact:" + agencySlug + ":" + emailLower;
    }

    private static PortalSession session(SessionService.Tokens tokens, Contact contact) {
        return new PortalSession(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(), PortalContact.of(contact));
    }
}
