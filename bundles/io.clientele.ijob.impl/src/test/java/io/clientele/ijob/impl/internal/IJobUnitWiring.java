package io.clientele.ijob.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.contact.api.PortalAccess;
import io.clientele.contact.api.PortalStatus;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.impl.internal.history.HistoryStore;
import io.clientele.platform.impl.internal.mail.OutboxStore;
import io.clientele.platform.impl.internal.notification.NotificationStore;
import io.clientele.platform.testing.JpaUnitFixture;
import io.clientele.platform.testing.MailTemplatesFixture;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The module's components as DS wires them, outside OSGi, on a {@link JpaUnitFixture}: the real stores of the platform
 * that write in the caller's transaction (history, outbox, notifications) and small stand-ins for what other modules
 * provide (customers, contacts, users, the portal's current contact, events).
 */
final class IJobUnitWiring {

    final JpaUnitFixture db;
    final Map<String, Map<String, Customer>> customersByAgency = new HashMap<>();
    final Map<String, List<Contact>> contactsByCustomer = new HashMap<>();
    final List<String> published = new ArrayList<>();
    /** When set, the next history record fails: a JDBC write that breaks after the command's JPA writes. */
    boolean historyFails;

    final Jobs jobs;
    final Pieces pieces;
    final PieceWorkflow workflow;
    final PortalPieces portal;
    final PieceFiles files;
    final TemplateStore templates;
    final JobOpening opening;

    IJobUnitWiring(JpaUnitFixture db) {
        this.db = db;
        CustomerDirectory customers = id -> Optional.ofNullable(customersByAgency.getOrDefault(RequestContext.agencyId(), Map.of()).get(id));
        ContactDirectory contacts = new ContactDirectory() {
            @Override
            public Optional<Contact> find(String contactId) {
                return contactsByCustomer.values().stream().flatMap(List::stream).filter(c -> c.id().equals(contactId)).findFirst();
            }

            @Override
            public List<Contact> ofCustomer(String customerId) {
                return contactsByCustomer.getOrDefault(RequestContext.agencyId() + "/" + customerId, List.of());
            }
        };
        PortalAccess portalAccess = new PortalAccess() {
            @Override
            public Contact invite(String contactId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void sendPasswordReset(String contactId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Contact disable(String contactId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.clientele.platform.api.rest.Page<io.clientele.contact.api.PortalAccount> accounts(Boolean withAccount,
                    io.clientele.platform.api.rest.PageRequest page) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<io.clientele.contact.api.PortalAccount> account(String contactId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Contact> currentContact() {
                Principal p = RequestContext.principal();
                return p.kind() == PrincipalKind.CONTACT ? contacts.find(p.id()) : Optional.empty();
            }
        };
        UserDirectory users = new UserDirectory() {
            @Override
            public Optional<User> find(String userId) {
                return Optional.empty();
            }

            @Override
            public List<User> all() {
                return List.of();
            }

            @Override
            public List<String> unknownIds(Collection<String> userIds) {
                return List.of();
            }
        };
        HistoryStore realHistory = new HistoryStore(db.database(), db.platformUnit());
        HistoryService history = new HistoryService() {
            @Override
            public HistoryEntry record(String rootType, String rootId, String entity, String entityId, String action, List<FieldChange> changes) {
                if (historyFails) {
                    historyFails = false;
                    throw new IllegalStateException("the history write fails");
                }
                return realHistory.record(rootType, rootId, entity, entityId, action, changes);
            }

            @Override
            public Page<HistoryEntry> page(String rootType, String rootId, int limit, String cursor) {
                return realHistory.page(rootType, rootId, limit, cursor);
            }
        };
        DomainEvents events = (topic, properties) -> published.add(topic);
        OutboxStore outbox = new OutboxStore(db.database(), db.platformUnit());
        IJobConfig config = new IJobConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return IJobConfig.class;
            }

            @Override
            public String publicBaseUrl() {
                return "https://clientele.example";
            }

            @Override
            public long alterationDueHours() {
                return 48;
            }

            @Override
            public long fileMaxBytes() {
                return 1_000_000;
            }
        };
        ApprovalMail mail = new ApprovalMail(db.database(), customers, contacts, MailTemplatesFixture.templates(outbox), config);
        TeamNotices team = new TeamNotices(new NotificationStore(db.database(), db.platformUnit()), users, MailTemplatesFixture.templates(outbox));
        JobBudgetLink budgets = new JobBudgetLink(); // the budget module is not installed
        this.jobs = new Jobs(db.database(), db.unit(), null, customers, history, events, budgets, mail);
        this.pieces = new Pieces(db.database(), db.unit(), jobs, customers, users, history, events, mail);
        this.workflow = new PieceWorkflow(db.database(), db.unit(), pieces, customers, users, history, events, mail, team, config);
        this.files = new PieceFiles(db.database(), db.unit(), pieces, null, users, history, events, config);
        this.portal = new PortalPieces(db.database(), db.unit(), pieces, workflow, customers, portalAccess, files);
        this.templates = new TemplateStore(db.database(), db.unit(), null, users);
        this.opening = new JobOpening(db.database(), jobs, pieces, templates, budgets);
    }

    /** A customer of the agency with portal access, its service manager {@code manager-1}, and one active contact. */
    Customer customer(String agencyId, String id, String contactId) {
        Customer c = new Customer(id, "Customer " + id, id + " Ltd", null, null, null, null, null, null, null, null, null, null, "manager-1",
                null, List.of(), null, null, false, false, false, false, true, null, null, List.of(), null, 0, Instant.now(), Instant.now(),
                false);
        customersByAgency.computeIfAbsent(agencyId, a -> new HashMap<>()).put(id, c);
        contactsByCustomer.put(agencyId + "/" + id, List.of(new Contact(contactId, id, "Carla", contactId + "@customer.example", null, null, true, null, false,
                PortalStatus.ACTIVE, 0L, Instant.now(), Instant.now())));
        return c;
    }

    /** Runs as the platform (staff with ADMIN) in the agency. */
    <T> T staff(String agencyId, Supplier<T> work) {
        return db.as(agencyId, work);
    }

    /** Runs as the customer's contact in the agency's portal. */
    <T> T contact(String agencyId, String contactId, Supplier<T> work) {
        return RequestContext.runAs(new Principal(PrincipalKind.CONTACT, contactId, "Carla", agencyId, "agency-" + agencyId, Set.of(), null),
                work);
    }
}
