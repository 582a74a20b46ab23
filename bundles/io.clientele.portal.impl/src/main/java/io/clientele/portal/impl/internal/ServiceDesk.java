package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.i18n.Locales;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Service notes staff publish to a customer's portal, service requests its contacts open, and the customer-visible
 * history both write. Staff reach a customer's records exactly when they see the customer (the registry's restricted
 * rule, {@link CustomerDirectory}); a contact reaches only its own customer's (another's: 404).
 */
@Component(service = ServiceDesk.class)
public class ServiceDesk {

    static final int MAX_NOTE = 4000;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DESCRIPTION = 4000;

    private final Database database;
    private final EntityWork work;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final NotificationService notifications;
    private final UserDirectory users;
    private final MailTemplates mail;
    private final MailTemplate requestMail;

    @Activate
    public ServiceDesk(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                       @Reference PortalModule module, @Reference CustomerDirectory customers,
                       @Reference HistoryService history, @Reference NotificationService notifications, @Reference UserDirectory users,
                       @Reference MailTemplates mail) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.customers = customers;
        this.history = history;
        this.notifications = notifications;
        this.users = users;
        this.mail = mail;
        this.requestMail = mail.load(ServiceDesk.class, "portal-service-request");
    }

    // ---- views

    /** A service note as staff see it. */
    public record StaffNote(String id, String customerId, String body, String authorId, Instant createdAt) {
        static StaffNote of(ServiceNoteRecord r) {
            return new StaffNote(r.id(), r.customerId(), r.body(), r.authorId(), r.createdAt());
        }
    }

    /** A service note as the customer's contacts see it (no staff user ids). */
    public record Note(String id, String body, Instant createdAt) {
        static Note of(ServiceNoteRecord r) {
            return new Note(r.id(), r.body(), r.createdAt());
        }
    }

    /** A service request as staff see it; {@code version} is its ETag. */
    public record StaffRequest(String id, String customerId, String contactId, String subject, String description, String status,
                               String answer, Instant answeredAt, String answeredBy, Instant createdAt, long version) {
        static StaffRequest of(ServiceRequestRecord r) {
            return new StaffRequest(r.id(), r.customerId(), r.contactId(), r.subject(), r.description(), r.status(), r.answer(),
                    r.answeredAt(), r.answeredBy(), r.createdAt(), r.version());
        }
    }

    /** A service request as the customer's contacts see it (no staff user ids). */
    public record Request(String id, String subject, String description, String status, String answer, Instant answeredAt,
                          Instant createdAt) {
        static Request of(ServiceRequestRecord r) {
            return new Request(r.id(), r.subject(), r.description(), r.status(), r.answer(), r.answeredAt(), r.createdAt());
        }
    }

    /** A line of the customer's portal history; {@code summary} in the request's language. */
    public record Event(String id, String kind, String summary, String subjectId, Instant at) {
        static Event of(PortalEventRecord r) {
            return new Event(r.id(), r.kind(), r.summary(Locales.current()), r.subjectId(), r.createdAt());
        }
    }

    // ---- service notes

    private Customer visibleCustomer(String customerId) {
        return visibleCustomer(customers, customerId);
    }

    /** The customer, when the caller sees it; else 404. */
    static Customer visibleCustomer(CustomerDirectory customers, String customerId) {
        if (customerId == null || customerId.length() > 36) {
            throw ProblemException.notFound(PortalTexts.MESSAGES.text("what.customer", Map.of("id", String.valueOf(customerId))));
        }
        return customers.find(customerId).orElseThrow(() -> ProblemException.notFound(
                PortalTexts.MESSAGES.text("what.customer", Map.of("id", customerId))));
    }

    /** Staff publish a note to the customer's portal; it shows in the customer's portal history too. */
    public StaffNote publishNote(String customerId, String body) {
        visibleCustomer(customerId);
        String text = body == null ? null : body.strip();
        if (text == null || text.isEmpty()) {
            throw ProblemException.invalid(FieldError.required("body"));
        }
        if (text.length() > MAX_NOTE) {
            throw ProblemException.invalid(FieldError.tooLong("body", MAX_NOTE));
        }
        Principal p = RequestContext.principal();
        return work.inTransaction(em -> {
            ServiceNoteRecord note = new ServiceNoteRecord(Jdbc.newId(), customerId, text, p.kind() == PrincipalKind.STAFF ? p.id() : null,
                    EntityWork.now());
            em.persist(note);
            em.persist(PortalEventRecord.of(Jdbc.newId(), customerId, "SERVICE_NOTE", Map.of("text", text), note.id(), note.createdAt()));
            em.flush();
            history.record("customer", customerId, "service-note", note.id(), "PUBLISHED",
                    HistoryService.diff(Map.of(), Map.of("body", text)));
            return StaffNote.of(note);
        });
    }

    public Page<StaffNote> staffNotes(String customerId, PageRequest request) {
        visibleCustomer(customerId);
        return notes(customerId, request, StaffNote::of);
    }

    public Page<Note> notesFor(Contact contact, PageRequest request) {
        return notes(contact.customerId(), request, Note::of);
    }

    private <T> Page<T> notes(String customerId, PageRequest request, java.util.function.Function<ServiceNoteRecord, T> view) {
        Page<ServiceNoteRecord> page = work.inTransaction(em -> KeysetPages.page(em, ServiceNoteRecord.class, KeysetPages.newestFirst(),
                "e.customerId = :customerId", Map.of("customerId", customerId), request, null));
        return new Page<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    // ---- service requests

    /**
     * A contact asks for a service: the request is stored, the customer's service manager and assistant are notified in
     * the app and by e-mail, and it shows in the customer's portal history.
     */
    public Request open(Contact contact, String subject, String description) {
        FieldErrors errors = new FieldErrors();
        String s = subject == null ? null : subject.strip();
        String d = description == null ? null : description.strip();
        if (s == null || s.isEmpty()) {
            errors.required("subject");
        } else if (s.length() > MAX_SUBJECT) {
            errors.tooLong("subject", MAX_SUBJECT);
        }
        if (d == null || d.isEmpty()) {
            errors.required("description");
        } else if (d.length() > MAX_DESCRIPTION) {
            errors.tooLong("description", MAX_DESCRIPTION);
        }
        errors.throwIfAny();
        Principal self = RequestContext.principal();
        Principal system = Principal.system(self.agencyId(), self.agencySlug(), "portal service request");
        Customer customer = RequestContext.runAs(system, () -> customers.find(contact.customerId()))
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.customer", Map.of("id", contact.customerId()))));
        Set<String> staff = new LinkedHashSet<>();
        if (customer.serviceManagerId() != null) {
            staff.add(customer.serviceManagerId());
        }
        if (customer.assistantId() != null) {
            staff.add(customer.assistantId());
        }
        return work.inTransaction(em -> {
            ServiceRequestRecord r = new ServiceRequestRecord(Jdbc.newId(), contact.customerId(), contact.id(), s, d, EntityWork.now());
            em.persist(r);
            em.persist(PortalEventRecord.of(Jdbc.newId(), contact.customerId(), "SERVICE_REQUESTED", Map.of("subject", s), r.id(),
                    r.createdAt()));
            em.flush();
            history.record("customer", contact.customerId(), "service-request", r.id(), "REQUESTED",
                    HistoryService.diff(Map.of(), Map.of("subject", s, "contactId", contact.id())));
            if (!staff.isEmpty()) {
                notifications.notify(staff, "portal.service-request", "Service request from " + customer.name(),
                        contact.name() + ": " + s, "/api/v1/service-requests/" + r.id());
                RequestContext.runAs(system, () -> {
                    for (String userId : staff) {
                        users.find(userId).filter(User::active).map(User::email).filter(e -> e != null && !e.isBlank())
                                .ifPresent(email -> mail.send(requestMail, email, null, Map.of("customerName", customer.name(),
                                        "contactName", contact.name(), "subject", s, "description", d)));
                    }
                });
            }
            return Request.of(r);
        });
    }

    public Page<Request> requestsFor(Contact contact, PageRequest request) {
        Page<ServiceRequestRecord> page = work.inTransaction(em -> KeysetPages.page(em, ServiceRequestRecord.class,
                KeysetPages.newestFirst(), "e.customerId = :customerId", Map.of("customerId", contact.customerId()), request, null));
        return new Page<>(page.items().stream().map(Request::of).toList(), page.nextCursor());
    }

    /** One of the contact's customer's requests; another customer's is 404. */
    public Request requestFor(Contact contact, String id) {
        return record(id).filter(r -> r.customerId().equals(contact.customerId())).map(Request::of)
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.service_request", Map.of("id", String.valueOf(id)))));
    }

    private Optional<ServiceRequestRecord> record(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(ServiceRequestRecord.class, id)));
    }

    /** Requests of the customers the caller sees, newest first; {@code status} OPEN or ANSWERED filters. */
    public Page<StaffRequest> staffRequests(String status, String customerId, PageRequest request) {
        String condition = null;
        Map<String, Object> params = new HashMap<>();
        if (status != null && !status.isBlank()) {
            if (!ServiceRequestRecord.OPEN.equals(status) && !ServiceRequestRecord.ANSWERED.equals(status)) {
                throw ProblemException.invalid("status", "one_of", PortalTexts.MESSAGES.text("request.status.invalid"));
            }
            condition = "e.status = :status";
            params.put("status", status);
        }
        if (customerId != null && !customerId.isBlank()) {
            visibleCustomer(customerId);
            condition = (condition == null ? "" : condition + " AND ") + "e.customerId = :customerId";
            params.put("customerId", customerId);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        Page<ServiceRequestRecord> page = work.inTransaction(em -> KeysetPages.page(em, ServiceRequestRecord.class,
                KeysetPages.newestFirst(), where, params, request,
                r -> visible.computeIfAbsent(r.customerId(), c -> customers.find(c).isPresent())));
        return new Page<>(page.items().stream().map(StaffRequest::of).toList(), page.nextCursor());
    }

    public StaffRequest staffRequest(String id) {
        return record(id).filter(r -> customers.find(r.customerId()).isPresent()).map(StaffRequest::of)
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.service_request", Map.of("id", String.valueOf(id)))));
    }

    /** Staff answer a request (again: the new answer replaces the old); the customer sees it and a history line. */
    public StaffRequest answer(String id, String answer, String ifMatch) {
        String text = answer == null ? null : answer.strip();
        if (text == null || text.isEmpty()) {
            throw ProblemException.invalid(FieldError.required("answer"));
        }
        if (text.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalid(FieldError.tooLong("answer", MAX_DESCRIPTION));
        }
        Long expected = ETags.expectedVersion(ifMatch);
        Principal p = RequestContext.principal();
        return work.inTransaction(em -> {
            ServiceRequestRecord r = Optional.ofNullable(id != null && id.length() <= 36 ? em.find(ServiceRequestRecord.class, id) : null)
                    .filter(x -> customers.find(x.customerId()).isPresent())
                    .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.service_request", Map.of("id", String.valueOf(id)))));
            r.requireVersion(expected, "service request");
            r.answer(text, p.kind() == PrincipalKind.STAFF ? p.id() : null, EntityWork.now());
            em.persist(PortalEventRecord.of(Jdbc.newId(), r.customerId(), "SERVICE_REQUEST_ANSWERED",
                    Map.of("subject", r.subject()), r.id(), EntityWork.now()));
            em.flush();
            history.record("customer", r.customerId(), "service-request", r.id(), "ANSWERED",
                    HistoryService.diff(Map.of(), Map.of("answer", text)));
            return StaffRequest.of(r);
        });
    }

    // ---- history

    public Page<Event> historyFor(Contact contact, PageRequest request) {
        Page<PortalEventRecord> page = work.inTransaction(em -> KeysetPages.page(em, PortalEventRecord.class, KeysetPages.newestFirst(),
                "e.customerId = :customerId", Map.of("customerId", contact.customerId()), request, null));
        return new Page<>(page.items().stream().map(Event::of).toList(), page.nextCursor());
    }
}
