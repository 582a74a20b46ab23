package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.money.Money;
import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.Address;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.BillingService.Refused;
import io.clientele.monthlyfee.api.BillingService.Refused.Reason;
import io.clientele.monthlyfee.api.EstimateService;
import io.clientele.monthlyfee.api.MonthlyFeeEvents;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.monthlyfee.impl.internal.EstimateRecord.Decider;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.monthlyfee.impl.internal.Fees.Estimate;
import io.clientele.monthlyfee.impl.internal.Fees.EstimateLine;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimate;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimateLine;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Estimates (quotes) for customers: DRAFT → SENT (e-mailed to the primary contact) → ACCEPTED or DECLINED. On the module's
 * persistence unit ({@code monthly-fee}); the e-mail goes through the outbox in the same transaction.
 */
@Component(service = {EstimateStore.class, EstimateService.class})
public class EstimateStore implements EstimateService {

    static final int MAX_LINES = 200;

    private final Database database;
    private final EntityWork work;
    private final CustomerDirectory customers;
    private final ContactDirectory contacts;
    private final MailTemplates mail;
    private final MailTemplate estimateMail;
    private final HistoryService history;
    private final DomainEvents events;
    private final Letterheads letterheads;
    private final Clock clock;

    @Activate
    public EstimateStore(@Reference Database database, @Reference(target = "(osgi.unit.name=monthly-fee)") EntityManagerFactory unit,
                         @Reference MonthlyFeeModule module, @Reference CustomerDirectory customers, @Reference ContactDirectory contacts,
                         @Reference MailTemplates mail, @Reference HistoryService history, @Reference DomainEvents events,
                         @Reference Letterheads letterheads) {
        this(database, unit, customers, contacts, mail, history, events, letterheads, Clock.systemUTC());
    }

    EstimateStore(Database database, EntityManagerFactory unit, CustomerDirectory customers, ContactDirectory contacts, MailTemplates mail,
                  HistoryService history, DomainEvents events, Letterheads letterheads, Clock clock) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.customers = customers;
        this.contacts = contacts;
        this.mail = mail;
        this.estimateMail = mail.load(EstimateStore.class, "estimate");
        this.history = history;
        this.events = events;
        this.letterheads = letterheads;
        this.clock = clock;
    }

    /** The store's unit of work. */
    EntityWork work() {
        return work;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public Optional<Estimate> find(String id) {
        return work.inTransaction(em -> record(id).map(e -> toApi(em, List.of(e)).get(0)));
    }

    /** The stored estimate if its customer is visible to the caller. */
    private Optional<EstimateRecord> record(String id) {
        if (!Fees.plausibleId(id)) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(EstimateRecord.class, id))
                .filter(e -> customers.find(e.customerId()).isPresent()));
    }

    public Estimate get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound(MonthlyFeeTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(id)))));
    }

    /** Estimates, oldest first; those of customers the caller may not see are left out and the page is filled past them. */
    public Page<Estimate> list(String customerId, PageRequest page) {
        String condition = null;
        Map<String, Object> params = new HashMap<>();
        if (customerId != null && !customerId.isBlank()) {
            if (!Fees.isVisibleCustomer(customers, customerId)) {
                throw ProblemException.notFound(MonthlyFeeTexts.MESSAGES.text("what.customer", Map.of("id", String.valueOf(customerId))));
            }
            condition = "e.customerId = :customerId";
            params.put("customerId", customerId);
        }
        String where = condition;
        Map<String, Boolean> visible = new HashMap<>();
        return work.inTransaction(em -> {
            Page<EstimateRecord> rows = KeysetPages.page(em, EstimateRecord.class, where, params, page,
                    e -> visible.computeIfAbsent(e.customerId(), id -> customers.find(id).isPresent()));
            return new Page<>(toApi(em, rows.items()), rows.nextCursor());
        });
    }

    public Estimate create(NewEstimate request) {
        if (request == null) {
            throw ProblemException.malformed("An estimate is required as the request body.", null);
        }
        FieldErrors errors = new FieldErrors();
        String customerId = request.customerId() == null || request.customerId().isBlank() ? null : request.customerId().trim();
        if (customerId == null) {
            errors.add("customerId", "is required");
        } else if (!Fees.isVisibleCustomer(customers, customerId)) {
            errors.add("customerId", "is not a customer of this agency");
        }
        String title = request.title() == null || request.title().isBlank() ? null : request.title().trim();
        if (title == null) {
            errors.add("title", "is required");
        } else if (title.length() > 300) {
            errors.add("title", "must have at most 300 characters");
        }
        Currency cur = request.currency() == null ? Money.DEFAULT_CURRENCY
                : Money.currency(errors, "currency", request.currency().trim().toUpperCase(Locale.ROOT));
        String currency = cur == null ? null : cur.getCurrencyCode();
        List<EstimateLine> estimateLines = new ArrayList<>();
        List<Money> amounts = new ArrayList<>();
        if (request.lines() == null || request.lines().isEmpty()) {
            errors.add("lines", "must have at least one line");
        } else if (request.lines().size() > MAX_LINES) {
            errors.add("lines", "must have at most " + MAX_LINES + " lines");
        } else {
            for (int i = 0; i < request.lines().size(); i++) {
                NewEstimateLine line = request.lines().get(i);
                String at = "lines[" + i + "]";
                if (line == null) {
                    errors.add(at, "is required");
                    continue;
                }
                String description = line.description() == null || line.description().isBlank() ? null : line.description().trim();
                if (description == null) {
                    errors.add(at + ".description", "is required");
                } else if (description.length() > 500) {
                    errors.add(at + ".description", "must have at most 500 characters");
                }
                BigDecimal quantity = Quantities.quantity(at + ".quantity", line.quantity(), errors);
                Money unitPrice = Money.parse(errors, at + ".unitPrice", line.unitPrice(), cur);
                if (description != null && quantity != null && unitPrice != null) {
                    Money amount = unitPrice.times(quantity);
                    amounts.add(amount);
                    estimateLines.add(new EstimateLine(description, Quantities.plain(quantity), unitPrice.toPlainString(),
                            amount.toPlainString()));
                }
            }
        }
        errors.throwIfAny();
        String id = Jdbc.newId();
        Instant now = now();
        BigDecimal total = Money.sum(cur, amounts).amount();
        return work.inTransaction(em -> {
            EstimateRecord record = new EstimateRecord(id, customerId, title, currency, total, now);
            em.persist(record);
            int lineNo = 0;
            for (EstimateLine l : estimateLines) {
                em.persist(new EstimateLineRecord(Jdbc.newId(), id, ++lineNo, l));
            }
            em.flush();
            Estimate created = toApi(em, List.of(record)).get(0);
            history.record("customer", customerId, "estimate", id, "CREATED", List.of(new FieldChange("title", null, title),
                    new FieldChange("total", null, created.total() + " " + currency)));
            events.publish(MonthlyFeeEvents.ESTIMATE_CREATED, Map.of("estimateId", id, "customerId", customerId));
            return created;
        });
    }

    /** E-mails the estimate to the customer's primary contact (through the outbox, in this transaction) and marks it SENT. */
    public Estimate send(String id) {
        return work.inTransaction(em -> {
            EstimateRecord record = lockVisible(em, id);
            Estimate before = toApi(em, List.of(record)).get(0);
            if (before.status() != EstimateStatus.DRAFT && before.status() != EstimateStatus.SENT) {
                throw ProblemException.conflict("The estimate is " + before.status() + " and can no longer be sent.");
            }
            Contact primary = contacts.ofCustomer(before.customerId()).stream()
                    .filter(ct -> Boolean.TRUE.equals(ct.primary()) && Formats.isEmail(ct.email())).findFirst()
                    .orElseThrow(() -> ProblemException.invalid("primaryContact",
                            "the customer has no primary contact with an e-mail address to send the estimate to"));
            Customer customer = customers.find(before.customerId()).orElseThrow(() -> ProblemException.notFound(MonthlyFeeTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(id)))));
            mail.send(estimateMail, primary.email(), null, mailModel(before, primary, customer));
            record.sent(primary.email(), now());
            em.flush();
            Estimate after = toApi(em, List.of(record)).get(0);
            history.record("customer", before.customerId(), "estimate", id, "SENT", List.of(
                    new FieldChange("status", before.status().name(), EstimateStatus.SENT.name()),
                    new FieldChange("sentTo", before.sentTo(), primary.email())));
            events.publish(MonthlyFeeEvents.ESTIMATE_SENT, Map.of("estimateId", id, "customerId", before.customerId()));
            return after;
        });
    }

    /** ACCEPTED or DECLINED, recorded by a staff user for the customer; only a SENT estimate can be answered. */
    public Estimate decide(String id, EstimateStatus decision) {
        return decide(id, decision, new Decider(null, null, RequestContext.principal().id()), null);
    }

    // ---- the module's API (EstimateService), for other modules such as the customer portal

    @Override
    public List<io.clientele.monthlyfee.api.Estimate> estimatesOf(String customerId) {
        if (!Fees.isVisibleCustomer(customers, customerId)) {
            return List.of();
        }
        return work.inTransaction(em -> toApi(em, em.createQuery("SELECT e FROM Estimate e WHERE e.customerId = :customerId"
                        + " ORDER BY e.createdAt DESC, e.id DESC", EstimateRecord.class).setParameter("customerId", customerId).getResultList())
                .stream().map(EstimateStore::toService).toList());
    }

    @Override
    public Optional<io.clientele.monthlyfee.api.Estimate> estimate(String estimateId) {
        return find(estimateId).map(EstimateStore::toService);
    }

    @Override
    public io.clientele.monthlyfee.api.Estimate decide(String estimateId, EstimateStatus decision, String contactId, String contactName,
                                                        String comment) {
        FieldErrors errors = new FieldErrors();
        if (decision != EstimateStatus.ACCEPTED && decision != EstimateStatus.DECLINED) {
            errors.add("decision", "must be ACCEPTED or DECLINED");
        }
        if (!Fees.plausibleId(contactId)) {
            errors.add("contactId", "is required");
        }
        String name = contactName == null || contactName.isBlank() ? null : contactName.trim();
        if (name == null) {
            errors.required("contactName");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            errors.add("comment", "too_long", MonthlyFeeTexts.MESSAGES.text("field.too_long", Map.of("max", MAX_COMMENT)));
        }
        errors.refuseIfAny(fields -> Refusal.invalid(Refused::new, Reason.INVALID_DECISION, fields));
        if (record(estimateId).isEmpty()) {
            throw Refusal.notFound(Refused::new, Reason.ESTIMATE_NOT_FOUND, MonthlyFeeTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(estimateId))));
        }
        return toService(decide(estimateId, decision, new Decider(contactId, name, null), text));
    }

    @Override
    public Optional<PdfFile> estimatePdf(String estimateId) {
        return estimate(estimateId).map(e -> {
            Customer customer = customers.find(e.customerId()).orElseThrow(() -> ProblemException.notFound(MonthlyFeeTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(estimateId)))));
            String billed = customer.companyName() != null && !customer.companyName().isBlank() ? customer.companyName() : customer.name();
            byte[] pdf = letterheads.letterpaper().estimate(e, new BillingPdf.Recipient(billed, customer.name(), billingAddress(customer.address())),
                    letterheads.letterhead());
            return new PdfFile(BillingPdf.estimateFileName(e), pdf);
        });
    }

    private static BillingAddress billingAddress(Address a) {
        return a == null ? null : new BillingAddress(a.postalCode(), a.street(), a.number(), a.complement(), a.district(), a.city(),
                a.state(), a.country());
    }

    /** The REST representation as the module's Java API carries it (amounts as {@link Money}). */
    static io.clientele.monthlyfee.api.Estimate toService(Estimate e) {
        List<io.clientele.monthlyfee.api.Estimate.Line> lines = e.lines().stream().map(l -> new io.clientele.monthlyfee.api.Estimate.Line(
                l.description(), l.quantity(), Money.of(l.unitPrice(), e.currency()), Money.of(l.amount(), e.currency()))).toList();
        io.clientele.monthlyfee.api.Estimate.Decision decision = e.decidedAt() == null ? null
                : new io.clientele.monthlyfee.api.Estimate.Decision(e.status(), e.decidedAt(), e.decidedByContactId(), e.decidedByContactName(),
                e.decidedByUserId(), e.decisionComment());
        return new io.clientele.monthlyfee.api.Estimate(e.id(), e.customerId(), e.title(), lines, Money.of(e.total(), e.currency()), e.status(),
                e.sentTo(), e.sentAt(), decision, e.version(), e.createdAt(), e.updatedAt());
    }

    /**
     * Answers a SENT estimate once: the decision, who made it and when are kept on the estimate, and the customer's history
     * gets an entry naming them (a contact's comment included).
     */
    private Estimate decide(String id, EstimateStatus decision, Decider by, String comment) {
        return work.inTransaction(em -> {
            EstimateRecord record = lockVisible(em, id);
            Estimate before = toApi(em, List.of(record)).get(0);
            if (before.status() != EstimateStatus.SENT) {
                String message = MonthlyFeeTexts.MESSAGES.text("estimate.not_sent." + decision.name(),
                        Map.of("status", MonthlyFeeTexts.MESSAGES.text("estimate.status." + before.status().name())));
                throw by.contactId() == null ? ProblemException.conflict(message) : Refusal.of(Refused::new, Reason.ESTIMATE_NOT_SENT, message);
            }
            record.decide(decision, by, comment, now());
            em.flush();
            Estimate after = toApi(em, List.of(record)).get(0);
            List<FieldChange> changes = new ArrayList<>(List.of(new FieldChange("status", before.status().name(), decision.name())));
            if (by.contactId() != null) {
                changes.add(new FieldChange("decidedByContactId", null, by.contactId()));
                changes.add(new FieldChange("decidedByContactName", null, by.contactName()));
            } else if (by.userId() != null) {
                changes.add(new FieldChange("decidedByUserId", null, by.userId()));
            }
            if (comment != null) {
                changes.add(new FieldChange("comment", null, comment));
            }
            history.record("customer", before.customerId(), "estimate", id, decision.name(), changes);
            events.publish(decision == EstimateStatus.ACCEPTED ? MonthlyFeeEvents.ESTIMATE_ACCEPTED : MonthlyFeeEvents.ESTIMATE_DECLINED, Map.of("estimateId", id, "customerId", before.customerId()));
            return after;
        });
    }

    /**
     * The visible estimate after locking its row (an SQL update that leaves the version as it is), so sending and
     * answering one estimate take turns and an estimate is e-mailed once; the entity is read again after the lock.
     */
    private EstimateRecord lockVisible(EntityManager em, String id) {
        EstimateRecord record = record(id).orElseThrow(() -> ProblemException.notFound(MonthlyFeeTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(id)))));
        database.inTransaction(c -> Jdbc.update(c, "UPDATE monthly_fee_estimate SET version = version WHERE agency_id = ? AND id = ?",
                RequestContext.agencyId(), id));
        em.refresh(record);
        return record;
    }

    /**
     * What the estimate's e-mail shows: the contact, the customer, each line, the total and the estimate's id as
     * reference, amounts written for people in the mail's language ("R$ 1.500,00" in pt-BR, "R$1,500.00" in English).
     */
    private Map<String, Object> mailModel(Estimate e, Contact to, Customer customer) {
        Locale language = mail.languageFor(null);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (EstimateLine l : e.lines()) {
            lines.add(Map.of("description", l.description(), "quantity", l.quantity().toPlainString(),
                    "unitPrice", forMail(l.unitPrice(), e.currency(), language), "amount", forMail(l.amount(), e.currency(), language)));
        }
        return Map.of("contactName", to.name(), "title", e.title(), "customerName", customer.name(), "lines", lines,
                "total", forMail(e.total(), e.currency(), language), "reference", e.id());
    }

    private static String forMail(String amount, String currency, Locale language) {
        return Money.of(amount, currency).format(language);
    }

    /** The estimates with their lines, read with one query for all of them. */
    private static List<Estimate> toApi(EntityManager em, List<EstimateRecord> estimates) {
        if (estimates.isEmpty()) {
            return List.of();
        }
        Map<String, String> currencies = new HashMap<>();
        estimates.forEach(e -> currencies.put(e.id(), e.currency()));
        Map<String, List<EstimateLine>> lines = new HashMap<>();
        em.createQuery("SELECT l FROM EstimateLine l WHERE l.estimateId IN :ids ORDER BY l.estimateId, l.lineNo", EstimateLineRecord.class)
                .setParameter("ids", estimates.stream().map(EstimateRecord::id).toList()).getResultStream()
                .forEach(l -> lines.computeIfAbsent(l.estimateId(), k -> new ArrayList<>()).add(l.toApi(currencies.get(l.estimateId()))));
        return estimates.stream().map(e -> e.toApi(lines.getOrDefault(e.id(), List.of()))).toList();
    }
}
