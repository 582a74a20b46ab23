package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.ContactDirectory;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.MonthlyFeeEvents;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.event.TransactionalEventListener;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.portal.impl.internal.AutoChargeRecord.Status;
import io.clientele.portal.impl.internal.PaymentRecord.Origin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The queue of automatic charges. When the monthly-fee module issues an invoice ({@link MonthlyFeeEvents#INVOICE_ISSUED},
 * heard inside the issuing transaction) for a customer of an agency with the portal whose contact has autopay on with a
 * saved card, a charge row and its payment record are written in that same transaction: the charge exists exactly when
 * the invoice does, once per invoice (unique per agency and invoice). {@link AutoChargeWorker} works the rows off.
 */
@Component(service = {AutoCharges.class, TransactionalEventListener.class})
public class AutoCharges implements TransactionalEventListener {

    /** Waits after the n-th failed attempt (retryable gateway errors); after the last the charge is given up. */
    static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(6), Duration.ofHours(12));

    private final Database database;
    private final EntityWork work;
    private final Autopay autopay;
    private final BillingService billing;
    private final ContactDirectory contacts;
    private final PaymentLedger ledger;
    private final PortalSettingsStore settings;
    private final Clock clock;

    @Activate
    public AutoCharges(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                       @Reference PortalModule module, @Reference Autopay autopay, @Reference BillingService billing,
                       @Reference ContactDirectory contacts, @Reference PaymentLedger ledger, @Reference PortalSettingsStore settings) {
        this(database, new EntityWork(database, unit), autopay, billing, contacts, ledger, settings, Clock.systemUTC());
    }

    AutoCharges(Database database, EntityWork work, Autopay autopay, BillingService billing, ContactDirectory contacts, PaymentLedger ledger,
                PortalSettingsStore settings, Clock clock) {
        this.database = database;
        this.work = work;
        this.autopay = autopay;
        this.billing = billing;
        this.contacts = contacts;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void inTransaction(String topic, Map<String, Object> properties) {
        if (!MonthlyFeeEvents.INVOICE_ISSUED.equals(topic)) {
            return;
        }
        Object agencyId = properties.get(DomainEvents.AGENCY_ID);
        Object invoiceId = properties.get("invoiceId");
        Object customerId = properties.get("customerId");
        if (agencyId == null || invoiceId == null || customerId == null
                || !Objects.equals(agencyId, RequestContext.current().map(p -> p.agencyId()).orElse(null))) {
            return;
        }
        PaymentLedger.asAgency("autopay", () -> {
            if (settings == null || settings.enabledForAgency(PortalModule.ID)) {
                enqueue(invoiceId.toString(), customerId.toString());
            }
            return null;
        });
    }

    /** Queues the charge of the invoice when its customer has autopay on; answers the charge's id, if queued. */
    Optional<String> enqueue(String invoiceId, String customerId) {
        Optional<AutopayRecord> on = autopay.activeFor(customerId);
        if (on.isEmpty()) {
            return Optional.empty();
        }
        Optional<Invoice> invoice = billing.invoice(invoiceId).filter(i -> i.status() == InvoiceStatus.OPEN && i.balance().isPositive());
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        boolean queued = work.inTransaction(em -> em.createQuery("SELECT COUNT(a) FROM PortalAutoCharge a WHERE a.invoiceId = :i", Long.class)
                .setParameter("i", invoiceId).getSingleResult()) > 0;
        if (queued) {
            return Optional.empty();
        }
        AutopayRecord a = on.get();
        String name = contacts.find(a.contactId()).map(Contact::name).orElse("contact " + a.contactId());
        String id = Jdbc.newId();
        ledger.create(id, customerId, a.contactId(), name, Origin.AUTOPAY, a.gatewayId(), PaymentMethodType.CARD, false, List.of(invoice.get()));
        work.inTransaction(em -> {
            em.persist(new AutoChargeRecord(id, invoiceId, a.contactId(), now()));
            em.flush();
            return null;
        });
        return Optional.of(id);
    }

    /** A charge due now, claimed by this node until its lease ends. */
    record Claimed(String id, String agencyId, long version) {
    }

    /** Claims up to {@code rows} due PENDING charges of any agency whose lease (if any) has ended. */
    List<Claimed> claim(Duration lease, int rows) {
        Instant now = now();
        List<String[]> due = database.inTransaction(c -> Jdbc.query(c, database.dialect().claimable(
                "SELECT id, agency_id, version FROM portal_autocharge WHERE status = ? AND next_attempt_at <= ? "
                        + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at", rows),
                rs -> new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))}, Status.PENDING.name(), now, now));
        return due.stream().map(row -> {
            long version = Long.parseLong(row[2]);
            int won = database.inTransaction(c -> Jdbc.update(c, "UPDATE portal_autocharge SET lease_until = ?, version = version + 1 "
                    + "WHERE id = ? AND version = ? AND status = ?", now.plus(lease), row[0], version, Status.PENDING.name()));
            return won == 1 ? new Claimed(row[0], row[1], version + 1) : null;
        }).filter(Objects::nonNull).toList();
    }

    /** Ends an attempt of a claimed charge (as its agency): final {@code to}, or PENDING again after the backoff. */
    Status attempted(String id, Status to, String error) {
        return work.inTransaction(em -> {
            AutoChargeRecord r = em.find(AutoChargeRecord.class, id);
            Instant now = now();
            Status status = to;
            Instant retryAt = null;
            if (to == Status.PENDING) {
                if (r.attempts() >= BACKOFF.size()) {
                    status = Status.GAVE_UP;
                } else {
                    retryAt = now.plus(BACKOFF.get(r.attempts()));
                }
            }
            r.attempted(status, retryAt, error, now);
            em.flush();
            return status;
        });
    }

    Optional<AutoChargeRecord> find(String id) {
        return work.inTransaction(em -> Optional.ofNullable(em.find(AutoChargeRecord.class, id)));
    }
}
