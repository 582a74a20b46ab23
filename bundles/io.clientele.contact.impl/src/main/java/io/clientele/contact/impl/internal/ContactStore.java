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
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Contacts of customers. A contact is reachable exactly when its customer is visible to the caller (the
 * customer registry's restricted rule, through {@link CustomerDirectory}); every change is recorded in the
 * customer's history.
 */
@Component(service = {ContactDirectory.class, ContactStore.class})
public class ContactStore implements ContactDirectory {

    static final String CHANGELOG = "db/clientele-contact.xml";
    private static final Set<String> READ_ONLY = Set.of("id", "customerId", "version", "createdAt", "updatedAt");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database database;
    private final TenantTable contacts;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final SessionService sessions;
    private final Outbox outbox;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Activate
    public ContactStore(@Reference Database database, @Reference CustomerDirectory customers, @Reference HistoryService history,
                        @Reference DomainEvents events, @Reference SessionService sessions, @Reference Outbox outbox) {
        database.migrate(CHANGELOG, ContactStore.class.getClassLoader());
        this.database = database;
        this.contacts = new TenantTable(database, "contact");
        this.customers = customers;
        this.history = history;
        this.events = events;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    @Override
    public Optional<Contact> find(String contactId) {
        return contacts.find("id = ? AND deleted = ?", List.of(contactId, false), null, 1, ContactStore::map).stream().findFirst()
                .filter(c -> customers.find(c.customerId()).isPresent());
    }

    public Contact get(String contactId) {
        return find(contactId).orElseThrow(() -> ProblemException.notFound("Contact " + contactId));
    }

    /**
     * The contact in the caller's agency without the customer visibility rule: for the contact itself (portal)
     * and for the public activation/reset flows, which act in the agency the token or login named.
     */
    Optional<Contact> findInAgency(String contactId) {
        return contacts.find("id = ? AND deleted = ?", List.of(contactId, false), null, 1, ContactStore::map).stream().findFirst();
    }

    /** The stored portal credentials of a contact. */
    record PortalCredentials(Contact contact, String passwordHash) {
    }

    /** The contact of the caller's agency that can log in to the portal with this e-mail (ACTIVE, with a password). */
    Optional<PortalCredentials> activePortalAccount(String email) {
        return contacts.find("email_lower = ? AND deleted = ? AND portal_status = ? AND portal_password_hash IS NOT NULL",
                List.of(email.trim().toLowerCase(Locale.ROOT), false, PortalStatus.ACTIVE.name()), "id", 1,
                rs -> new PortalCredentials(map(rs), rs.getString("portal_password_hash"))).stream().findFirst();
    }

    /** Whether another contact of the caller's agency already holds (or was invited to) portal access with this e-mail. */
    boolean portalEmailTaken(String email, String exceptContactId) {
        return contacts.count("email_lower = ? AND deleted = ? AND portal_status IN (?, ?) AND id <> ?",
                List.of(email.trim().toLowerCase(Locale.ROOT), false, PortalStatus.INVITED.name(), PortalStatus.ACTIVE.name(),
                        exceptContactId)) > 0;
    }

    /**
     * Changes a contact's portal status (and, when {@code passwordHash} is not null, its portal password), recorded
     * in the customer's history under {@code action} with the current principal as actor.
     */
    Contact setPortalAccess(Contact before, PortalStatus status, String passwordHash, String action) {
        return database.inTransaction(tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("portal_status", status);
            if (passwordHash != null) {
                row.put("portal_password_hash", passwordHash);
            }
            row.put("updated_at", Instant.now());
            if (contacts.update(before.id(), null, row) != 1) {
                throw ProblemException.notFound("Contact " + before.id());
            }
            Contact saved = findInAgency(before.id()).orElseThrow(() -> ProblemException.notFound("Contact " + before.id()));
            history.record("customer", before.customerId(), "contact", before.id(), action,
                    HistoryService.diff(Map.of("portalStatus", before.portalStatus()), Map.of("portalStatus", saved.portalStatus())));
            events.publish(ContactEvents.CONTACT_UPDATED, Map.of("contactId", before.id(), "customerId", before.customerId()));
            return saved;
        });
    }

    /** Ends every portal session of the contact and voids its unused activation and reset links. */
    void endPortalAccess(String contactId) {
        database.inTransaction(tx -> Jdbc.update(tx, "UPDATE contact_portal_token SET used_at = ? WHERE agency_id = ? "
                + "AND contact_id = ? AND used_at IS NULL", Instant.now(), RequestContext.agencyId(), contactId));
        sessions.revokeAll(PrincipalKind.CONTACT, contactId, null);
    }

    @Override
    public List<Contact> ofCustomer(String customerId) {
        visibleCustomer(customerId);
        return contacts.find("customer_id = ? AND deleted = ?", List.of(customerId, false), "is_primary DESC, name, id", 0,
                ContactStore::map);
    }

    public Contact create(String customerId, Contact input) {
        visibleCustomer(customerId);
        Contact c = normalize(input, customerId);
        validate(c);
        String id = Jdbc.newId();
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            if (c.primary()) {
                clearPrimary(customerId, null);
            }
            Map<String, Object> row = columns(c);
            row.put("id", id);
            row.put("customer_id", customerId);
            row.put("portal_status", PortalStatus.NONE);
            row.put("deleted", false);
            row.put("version", 0L);
            row.put("created_at", now);
            row.put("updated_at", now);
            contacts.insert(row);
            Contact created = get(id);
            history.record("customer", customerId, "contact", id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish(ContactEvents.CONTACT_CREATED, Map.of("contactId", id, "customerId", customerId));
            return created;
        });
    }

    /** JSON merge patch of a contact's own fields; the whole result is validated. */
    public Contact patch(String contactId, Long expectedVersion, Map<String, Object> patch) {
        return patch(contactId, expectedVersion, patch, this::get);
    }

    /** The contact changes its own fields through the portal (the caller is the contact; no visibility rule applies). */
    Contact patchOwn(String contactId, Long expectedVersion, Map<String, Object> patch) {
        return patch(contactId, expectedVersion, patch,
                id -> findInAgency(id).orElseThrow(() -> ProblemException.notFound("Contact " + id)));
    }

    private Contact patch(String contactId, Long expectedVersion, Map<String, Object> input,
                          java.util.function.Function<String, Contact> load) {
        FieldErrors readOnly = new FieldErrors();
        input.keySet().stream().filter(READ_ONLY::contains).forEach(k -> readOnly.add(k, "is read-only"));
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
        return database.inTransaction(tx -> {
            Contact before = load.apply(contactId);
            if (expectedVersion != null && expectedVersion.longValue() != before.version()) {
                throw ProblemException.preconditionFailed("The contact changed since it was read; read it again and retry.");
            }
            Map<String, Object> merged = json.convertValue(before, MAP);
            merged.putAll(patch);
            Contact after;
            try {
                after = normalize(json.convertValue(merged, Contact.class), before.customerId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformed("The patch does not fit a contact: " + patch.keySet(), null);
            }
            validate(after);
            boolean loginEmailChanged = !disabling && holdsPortalLogin(before) && !sameEmail(before.email(), after.email());
            if (loginEmailChanged) {
                checkNewLoginEmail(after.email(), contactId);
            }
            if (after.primary() && !before.primary()) {
                clearPrimary(before.customerId(), contactId);
            }
            Map<String, Object> row = columns(after);
            if (disabling) {
                row.put("portal_status", PortalStatus.DISABLED);
            }
            row.put("updated_at", Instant.now());
            if (contacts.update(contactId, before.version(), row) != 1) {
                throw ProblemException.preconditionFailed("The contact changed since it was read; read it again and retry.");
            }
            if (disabling) {
                endPortalAccess(contactId);
            }
            Contact saved = load.apply(contactId);
            if (loginEmailChanged) {
                tellOldAddress(before, saved);
            }
            history.record("customer", before.customerId(), "contact", contactId, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish(ContactEvents.CONTACT_UPDATED, Map.of("contactId", contactId, "customerId", before.customerId()));
            return saved;
        });
    }

    /** Whether the contact's e-mail is its portal login (invited or active). */
    private static boolean holdsPortalLogin(Contact c) {
        return c.portalStatus() == PortalStatus.INVITED || c.portalStatus() == PortalStatus.ACTIVE;
    }

    private static boolean sameEmail(String a, String b) {
        return (a == null ? "" : a.trim().toLowerCase(Locale.ROOT)).equals(b == null ? "" : b.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A portal login e-mail stays unique among the agency's invited and active contacts on every write path, or two
     * accounts would answer to one login; and a contact holding a login cannot lose its e-mail while it holds it.
     */
    private void checkNewLoginEmail(String email, String contactId) {
        if (email == null || email.isBlank()) {
            throw ProblemException.invalid("email", "is this contact's portal login: disable its portal access before removing it");
        }
        if (portalEmailTaken(email, contactId)) {
            throw ProblemException.conflict("email", "another contact of this agency already logs in to the portal with this e-mail");
        }
    }

    /** The old address learns that its portal login moved, so a change it did not expect does not go unnoticed. */
    private void tellOldAddress(Contact before, Contact after) {
        if (before.email() == null || before.email().isBlank()) {
            return;
        }
        String by = RequestContext.current().map(p -> p.name()).orElse("the agency");
        outbox.enqueue(new OutgoingMail(before.email(), "Your customer portal login e-mail was changed",
                "Hello " + before.name() + ",\n\nThe e-mail you use to log in to the customer portal was changed from " + before.email()
                        + " to " + after.email() + " by " + by + ". From now on, log in with the new address.\n\n"
                        + "If you did not expect this change, contact the agency at once.\n", null));
    }

    /** Removes a contact from its customer; the row is kept (history and portal records refer to it). */
    public void delete(String contactId) {
        database.inTransaction(tx -> {
            Contact before = get(contactId);
            contacts.update(contactId, before.version(), Map.of("deleted", true, "updated_at", Instant.now()));
            endPortalAccess(contactId);
            history.record("customer", before.customerId(), "contact", contactId, "DELETED", HistoryService.diff(snapshot(before), Map.of()));
            events.publish(ContactEvents.CONTACT_DELETED, Map.of("contactId", contactId, "customerId", before.customerId()));
            return null;
        });
    }

    private void visibleCustomer(String customerId) {
        if (customers.find(customerId).isEmpty()) {
            throw ProblemException.notFound("Customer " + customerId);
        }
    }

    private void clearPrimary(String customerId, String except) {
        for (Contact other : contacts.find("customer_id = ? AND deleted = ? AND is_primary = ?", List.of(customerId, false, true),
                null, 0, ContactStore::map)) {
            if (!other.id().equals(except)) {
                contacts.update(other.id(), null, Map.of("is_primary", false, "updated_at", Instant.now()));
            }
        }
    }

    private static Contact normalize(Contact c, String customerId) {
        return new Contact(c.id(), customerId, trim(c.name()), trim(c.email()), trim(c.phone()), trim(c.position()),
                Boolean.TRUE.equals(c.primary()), c.notes(), Boolean.TRUE.equals(c.canOpenJobsForGroup()),
                c.portalStatus() == null ? PortalStatus.NONE : c.portalStatus(), c.version() == null ? 0L : c.version(),
                c.createdAt(), c.updatedAt());
    }

    static void validate(Contact c) {
        FieldErrors errors = new FieldErrors();
        if (c.name() == null) {
            errors.add("name", "is required");
        } else if (c.name().length() > 200) {
            errors.add("name", "must have at most 200 characters");
        }
        if (c.email() != null && !Formats.isEmail(c.email())) {
            errors.add("email", "is not a valid e-mail address");
        }
        if (c.phone() != null && c.phone().length() > 40) {
            errors.add("phone", "must have at most 40 characters");
        }
        if (c.position() != null && c.position().length() > 100) {
            errors.add("position", "must have at most 100 characters");
        }
        if (c.notes() != null && c.notes().length() > 4000) {
            errors.add("notes", "must have at most 4000 characters");
        }
        errors.throwIfAny();
    }

    private static Map<String, Object> columns(Contact c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", c.name());
        row.put("email", c.email());
        row.put("email_lower", c.email() == null ? null : c.email().toLowerCase(Locale.ROOT));
        row.put("phone", c.phone());
        row.put("position", c.position());
        row.put("is_primary", c.primary());
        row.put("notes", c.notes());
        row.put("can_open_jobs_for_group", c.canOpenJobsForGroup());
        return row;
    }

    private static Map<String, Object> snapshot(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("position", c.position());
        m.put("primary", c.primary());
        m.put("notes", c.notes());
        m.put("canOpenJobsForGroup", c.canOpenJobsForGroup());
        m.put("portalStatus", c.portalStatus());
        return m;
    }

    static Contact map(ResultSet rs) throws SQLException {
        return new Contact(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("position"), rs.getBoolean("is_primary"), rs.getString("notes"),
                rs.getBoolean("can_open_jobs_for_group"), PortalStatus.valueOf(rs.getString("portal_status")), rs.getLong("version"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
