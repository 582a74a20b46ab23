package io.clientele.contact.impl.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.contact.api.ContactEvents;
import io.clientele.contact.api.PortalStatus;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Contacts of customers, on the bundle's persistence unit {@code contact}. A contact is reachable exactly when its
 * customer is visible to the caller (the customer registry's restricted rule, through {@link CustomerDirectory}); every
 * change is recorded in the customer's history, in the same transaction as the change ({@link EntityWork}).
 */
@Component(service = {ContactDirectory.class, ContactStore.class})
public class ContactStore implements ContactDirectory {

    static final String CHANGELOG = "db/clientele-contact.xml";
    private static final MergePatch PATCH = MergePatch.of("contact", Set.of("id", "customerId", "version", "createdAt", "updatedAt"));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database database;
    private final EntityWork work;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final SessionService sessions;
    private final MailTemplates mail;
    private final MailTemplate loginChanged;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Activate
    public ContactStore(@Reference Database database, @Reference(target = "(osgi.unit.name=contact)") EntityManagerFactory unit,
                        @Reference CustomerDirectory customers, @Reference HistoryService history, @Reference DomainEvents events,
                        @Reference SessionService sessions, @Reference MailTemplates mail) {
        database.migrate(CHANGELOG, ContactStore.class.getClassLoader());
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.customers = customers;
        this.history = history;
        this.events = events;
        this.sessions = sessions;
        this.mail = mail;
        this.loginChanged = mail.load(ContactStore.class, "portal-login-changed");
    }

    @Override
    public Optional<Contact> find(String contactId) {
        return work.inTransaction(em -> visibleRecord(contactId).map(ContactRecord::toApi));
    }

    public Contact get(String contactId) {
        return find(contactId).orElseThrow(() -> notFound(contactId));
    }

    /**
     * The contact in the caller's agency without the customer visibility rule: for the contact itself (portal)
     * and for the public activation/reset flows, which act in the agency the token or login named.
     */
    Optional<Contact> findInAgency(String contactId) {
        return work.inTransaction(em -> record(contactId).map(ContactRecord::toApi));
    }

    /** The stored, not deleted contact of the caller's agency (the unit adds the agency to the find). */
    private Optional<ContactRecord> record(String contactId) {
        if (contactId == null || contactId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(ContactRecord.class, contactId)).filter(c -> !c.deleted()));
    }

    /** {@link #record} when the contact's customer is visible to the caller. */
    private Optional<ContactRecord> visibleRecord(String contactId) {
        return work.inTransaction(em -> record(contactId).filter(c -> customers.find(c.customerId()).isPresent()));
    }

    /** The stored portal credentials of a contact. */
    record PortalCredentials(Contact contact, String passwordHash) {
    }

    /** The contact of the caller's agency that can log in to the portal with this e-mail (ACTIVE, with a password). */
    Optional<PortalCredentials> activePortalAccount(String email) {
        return work.inTransaction(em -> ContactQueries.activePortalAccount(em, ContactFields.lower(email))
                .map(c -> new PortalCredentials(c.toApi(), c.portalPasswordHash())));
    }

    /** Whether another contact of the caller's agency already holds (or was invited to) portal access with this e-mail. */
    boolean portalEmailTaken(String email, String exceptContactId) {
        return work.inTransaction(em -> ContactQueries.portalLogins(em, ContactFields.lower(email), exceptContactId)) > 0;
    }

    /**
     * Changes a contact's portal status (and, when {@code passwordHash} is not null, its portal password), recorded
     * in the customer's history under {@code action} with the current principal as actor.
     */
    Contact setPortalAccess(Contact before, PortalStatus status, String passwordHash, String action) {
        return work.inTransaction(em -> {
            ContactRecord record = record(before.id()).orElseThrow(() -> notFound(before.id()));
            record.portalAccess(status, passwordHash, EntityWork.now());
            em.flush();
            Contact saved = record.toApi();
            history.record("customer", before.customerId(), "contact", before.id(), action,
                    HistoryService.diff(Map.of("portalStatus", before.portalStatus()), Map.of("portalStatus", saved.portalStatus())));
            events.publish(ContactEvents.CONTACT_UPDATED, Map.of("contactId", before.id(), "customerId", before.customerId()));
            return saved;
        });
    }

    /**
     * Ends every portal session of the contact and voids its unused activation and reset links. The links' table stays
     * SQL (see {@link ContactPortal}): a conditional update of the contact's unused rows, in the caller's transaction.
     */
    void endPortalAccess(String contactId) {
        database.inTransaction(tx -> Jdbc.update(tx, "UPDATE contact_portal_token SET used_at = ? WHERE agency_id = ? "
                + "AND contact_id = ? AND used_at IS NULL", Instant.now(), RequestContext.agencyId(), contactId));
        sessions.revokeAll(PrincipalKind.CONTACT, contactId, null);
    }

    /** The customer's contacts, primary first, then by name (not a paged list: a customer has a handful). */
    @Override
    public List<Contact> ofCustomer(String customerId) {
        visibleCustomer(customerId);
        return work.inTransaction(em -> ContactQueries.ofCustomer(em, customerId).stream().map(ContactRecord::toApi).toList());
    }

    public Contact create(String customerId, Contact input) {
        visibleCustomer(customerId);
        Contact c = ContactFields.normalize(input, customerId);
        ContactFields.validate(c);
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            if (c.primary()) {
                clearPrimary(em, customerId, null, now);
            }
            ContactRecord record = new ContactRecord(Jdbc.newId(), customerId, c, now);
            em.persist(record);
            em.flush();
            Contact created = record.toApi();
            history.record("customer", customerId, "contact", created.id(), "CREATED",
                    HistoryService.diff(Map.of(), ContactFields.snapshot(created)));
            events.publish(ContactEvents.CONTACT_CREATED, Map.of("contactId", created.id(), "customerId", customerId));
            return created;
        });
    }

    /** JSON merge patch of a contact's own fields; the whole result is validated. */
    public Contact patch(String contactId, Long expectedVersion, Map<String, Object> patch) {
        return patch(contactId, expectedVersion, patch, id -> visibleRecord(id).orElseThrow(() -> notFound(id)));
    }

    /** The contact changes its own fields through the portal (the caller is the contact; no visibility rule applies). */
    Contact patchOwn(String contactId, Long expectedVersion, Map<String, Object> patch) {
        return patch(contactId, expectedVersion, patch, id -> record(id).orElseThrow(() -> notFound(id)));
    }

    private Contact patch(String contactId, Long expectedVersion, Map<String, Object> input, Function<String, ContactRecord> load) {
        FieldErrors readOnly = new FieldErrors();
        PATCH.check(input, readOnly);
        Map<String, Object> patch = new LinkedHashMap<>(input);
        boolean disable = false;
        if (patch.containsKey("portalStatus")) {
            Object requested = patch.remove("portalStatus");
            if (PortalStatus.DISABLED.name().equals(requested)) {
                disable = true;
            } else {
                readOnly.add("portalStatus", "can only be set to DISABLED here (send a portal invitation to give access again)");
            }
        }
        readOnly.throwIfAny();
        boolean disabling = disable;
        return work.inTransaction(em -> {
            ContactRecord record = load.apply(contactId);
            record.requireVersion(expectedVersion, "contact");
            Contact before = record.toApi();
            Map<String, Object> merged = MergePatch.merge(json.convertValue(before, MAP), patch);
            Contact after;
            try {
                after = ContactFields.normalize(json.convertValue(merged, Contact.class), before.customerId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformed("The patch does not fit a contact: " + patch.keySet(), null);
            }
            ContactFields.validate(after);
            boolean loginEmailChanged = !disabling && holdsPortalLogin(before) && !ContactFields.sameEmail(before.email(), after.email());
            if (loginEmailChanged) {
                checkNewLoginEmail(after.email(), contactId);
            }
            Instant now = EntityWork.now();
            if (after.primary() && !before.primary()) {
                clearPrimary(em, before.customerId(), contactId, now);
            }
            record.change(after, now);
            if (disabling) {
                record.portalAccess(PortalStatus.DISABLED, null, now);
            }
            em.flush(); // a row changed since it was read fails here: 412
            if (disabling) {
                endPortalAccess(contactId);
            }
            Contact saved = record.toApi();
            if (loginEmailChanged) {
                tellOldAddress(before, saved);
            }
            history.record("customer", before.customerId(), "contact", contactId, "UPDATED",
                    HistoryService.diff(ContactFields.snapshot(before), ContactFields.snapshot(saved)));
            events.publish(ContactEvents.CONTACT_UPDATED, Map.of("contactId", contactId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Whether the contact's e-mail is its portal login (invited or active). */
    private static boolean holdsPortalLogin(Contact c) {
        return c.portalStatus() == PortalStatus.INVITED || c.portalStatus() == PortalStatus.ACTIVE;
    }

    /**
     * A portal login e-mail stays unique among the agency's invited and active contacts on every write path, or two
     * accounts would answer to one login; and a contact holding a login cannot lose its e-mail while it holds it.
     */
    private void checkNewLoginEmail(String email, String contactId) {
        if (email == null || email.isBlank()) {
            throw ProblemException.invalid("email", "portal_login", ContactTexts.MESSAGES.text("contact.email.portal_login"));
        }
        if (portalEmailTaken(email, contactId)) {
            throw ProblemException.conflict("email", "taken", ContactTexts.MESSAGES.text("contact.email.taken"));
        }
    }

    /** The old address learns that its portal login moved, so a change it did not expect does not go unnoticed. */
    private void tellOldAddress(Contact before, Contact after) {
        if (before.email() == null || before.email().isBlank()) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("contactName", before.name());
        model.put("oldEmail", before.email());
        model.put("newEmail", after.email());
        model.put("changedBy", RequestContext.current().map(p -> p.name()).orElse(null)); // null: "the agency"
        mail.send(loginChanged, before.email(), null, model);
    }

    /** Removes a contact from its customer; the row is kept (history and portal records refer to it). */
    public void delete(String contactId) {
        work.inTransaction(em -> {
            ContactRecord record = visibleRecord(contactId).orElseThrow(() -> notFound(contactId));
            Contact before = record.toApi();
            record.delete(EntityWork.now());
            em.flush();
            endPortalAccess(contactId);
            history.record("customer", before.customerId(), "contact", contactId, "DELETED",
                    HistoryService.diff(ContactFields.snapshot(before), Map.of()));
            events.publish(ContactEvents.CONTACT_DELETED, Map.of("contactId", contactId, "customerId", before.customerId()));
            return null;
        });
    }

    private void visibleCustomer(String customerId) {
        if (customers.find(customerId).isEmpty()) {
            throw ProblemException.notFound(ContactTexts.MESSAGES.text("what.customer", Map.of("id", customerId)));
        }
    }

    /** The customer's other primary contact, if any, becomes an ordinary one (each such change is a new version of it). */
    private static void clearPrimary(EntityManager em, String customerId, String except, Instant now) {
        ContactQueries.primaries(em, customerId).stream().filter(other -> !other.id().equals(except))
                .forEach(other -> other.notPrimary(now));
    }

    /** A contact of the agency's portal users list, with the time of its last portal login. */
    record Account(Contact contact, Instant lastLoginAt) {
    }

    /**
     * The caller's agency's contacts whose customer the caller can see, oldest first: with a portal account (ACTIVE or
     * DISABLED) when {@code withAccount}, without one (NONE or INVITED) when not, all when null.
     */
    Page<Account> accounts(Boolean withAccount, PageRequest request) {
        String condition = "e.deleted = :deleted";
        Map<String, Object> params = new HashMap<>();
        params.put("deleted", false);
        if (withAccount != null) {
            condition += " AND e.portalStatus IN (:s1, :s2)";
            params.put("s1", withAccount ? PortalStatus.ACTIVE : PortalStatus.NONE);
            params.put("s2", withAccount ? PortalStatus.DISABLED : PortalStatus.INVITED);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        Page<ContactRecord> page = work.inTransaction(em -> KeysetPages.page(em, ContactRecord.class, where, params, request,
                c -> visible.computeIfAbsent(c.customerId(), id -> customers.find(id).isPresent())));
        return new Page<>(page.items().stream().map(c -> new Account(c.toApi(), c.portalLastLoginAt())).toList(), page.nextCursor());
    }

    /** {@link #accounts}' view of one contact the caller can see. */
    Optional<Account> account(String contactId) {
        return work.inTransaction(em -> visibleRecord(contactId).map(c -> new Account(c.toApi(), c.portalLastLoginAt())));
    }

    /** Notes the contact's portal login (a plain UPDATE of the caller's agency's row: the contact's version stays). */
    void recordLogin(String contactId, Instant at) {
        database.inTransaction(tx -> Jdbc.update(tx, "UPDATE contact SET portal_last_login_at = ? WHERE agency_id = ? AND id = ?",
                at, RequestContext.agencyId(), contactId));
    }

    private static ProblemException notFound(String contactId) {
        return ProblemException.notFound(ContactTexts.MESSAGES.text("what.contact", Map.of("id", contactId)));
    }

}
