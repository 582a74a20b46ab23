package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.NewPayment;
import io.clientele.monthlyfee.api.Payment;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import io.clientele.portal.impl.internal.PaymentFlow.Settlement;
import io.clientele.portal.impl.internal.PaymentFlow.Share;
import io.clientele.portal.impl.internal.PaymentRecord.Origin;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The portal's payment records and the one place their state changes ({@link PaymentFlow}'s rules). A success is
 * recorded on each invoice through the monthly-fee module's {@link BillingService} in the same transaction as the
 * payment's own change, whose version makes a second, concurrent settlement of the same payment fail and roll back: an
 * invoice is paid exactly once however often and in whatever order the gateway's news arrives.
 */
@Component(service = PaymentLedger.class)
public class PaymentLedger {

    private final EntityWork work;
    private final BillingService billing;
    private final HistoryService history;
    private final Autopay autopay;
    private final PaymentMails mails;
    private final Clock clock;

    @Activate
    public PaymentLedger(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                         @Reference PortalModule module, @Reference BillingService billing, @Reference HistoryService history,
                         @Reference Autopay autopay, @Reference PaymentMails mails) {
        this(new EntityWork(database, unit), billing, history, autopay, mails, Clock.systemUTC());
    }

    PaymentLedger(EntityWork work, BillingService billing, HistoryService history, Autopay autopay, PaymentMails mails, Clock clock) {
        this.work = work;
        this.billing = billing;
        this.history = history;
        this.autopay = autopay;
        this.mails = mails;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- views

    /** An invoice a payment pays: what was asked and what was recorded on it once paid. */
    public record PaidInvoice(String invoiceId, long number, String amount, String recorded) {
    }

    /** Who paid: the contact, and when the money arrived. */
    public record PaidBy(String contactId, String name) {
    }

    /** What the browser does next; {@code clientSecret} only in the answer of the request that started or resumed it. */
    public record Next(String kind, String url, String code, Instant expiresAt, String clientSecret) {
        static Next of(NextAction a, NextAction fresh) {
            NextAction n = fresh != null ? fresh : a;
            if (n == null) {
                return null;
            }
            return new Next(n.kind().name(), n.url() == null ? null : n.url().toString(), n.code(), n.expiresAt(),
                    fresh == null ? null : fresh.clientSecret());
        }
    }

    /**
     * A portal payment as contacts and staff see it; amounts are decimal strings in {@code currency}. {@code excess}: what
     * an OVERPAID payment received beyond the invoices' balance (kept for staff to refund or credit).
     */
    public record PaymentView(String id, PaymentStatus state, String method, String origin, String currency, String amount,
                              String amountReceived, String excess, List<PaidInvoice> invoices, Next nextAction, String failureCode,
                              String failureMessage, PaidBy paidBy, Instant paidAt, String customerId, Instant createdAt,
                              long version) {
    }

    PaymentView view(EntityManager em, PaymentRecord r, NextAction fresh) {
        List<PaidInvoice> invoices = rows(em, r.id()).stream().map(i -> new PaidInvoice(i.invoiceId(), i.invoiceNumber(),
                plain(Money.of(i.amount(), r.amount().currency())), i.recorded() == null ? null : plain(Money.of(i.recorded(), r.amount().currency()))))
                .toList();
        return new PaymentView(r.id(), r.status(), r.method().name(), r.origin().name(), r.amount().currencyCode(), plain(r.amount()),
                plain(r.amountReceived()), plain(r.excess()),
                invoices, Next.of(r.status() == PaymentStatus.REQUIRES_ACTION ? r.nextAction() : null, fresh), r.failureCode(),
                r.failureMessage(), new PaidBy(r.contactId(), r.contactName()), r.paidAt(), r.customerId(), r.createdAt(), r.version());
    }

    static String plain(Money m) {
        return m == null ? null : m.toPlainString();
    }

    static List<PaymentInvoiceRecord> rows(EntityManager em, String paymentId) {
        return em.createQuery("SELECT i FROM PortalPaymentInvoice i WHERE i.paymentId = :p ORDER BY i.invoiceNumber", PaymentInvoiceRecord.class)
                .setParameter("p", paymentId).getResultList();
    }

    // ---- writing

    /** Stores a new payment of {@code invoices} (open, positive balances, one currency) for the contact; answers its id. */
    String create(String id, String customerId, String contactId, String contactName, Origin origin, String gatewayId,
                  PaymentMethodType method, boolean saveCard, List<Invoice> invoices) {
        Money total = Money.sum(invoices.get(0).currency(), invoices.stream().map(Invoice::balance).toList());
        return work.inTransaction(em -> {
            Instant now = now();
            em.persist(new PaymentRecord(id, customerId, contactId, contactName, origin, gatewayId, method, saveCard, total, now));
            for (Invoice i : invoices) {
                em.persist(new PaymentInvoiceRecord(Jdbc.newId(), id, i.id(), i.number(), i.balance().amount()));
            }
            em.flush();
            return id;
        });
    }

    Optional<PaymentRecord> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(PaymentRecord.class, id)));
    }

    /** The payment as its customer's contacts see it; another customer's is 404. */
    PaymentView viewFor(String customerId, String id, NextAction fresh) {
        return work.inTransaction(em -> Optional.ofNullable(id == null || id.length() > 36 ? null : em.find(PaymentRecord.class, id))
                .filter(r -> r.customerId().equals(customerId)).map(r -> view(em, r, fresh))
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.payment", Map.of("id", String.valueOf(id))))));
    }

    /** The payment for staff (404 when absent). */
    PaymentView view(String id) {
        return work.inTransaction(em -> Optional.ofNullable(id == null || id.length() > 36 ? null : em.find(PaymentRecord.class, id))
                .map(r -> view(em, r, null)).orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.payment", Map.of("id", String.valueOf(id))))));
    }

    /** Payments newest first; {@code customerId} and {@code state} filter when given. */
    Page<PaymentView> list(String customerId, PaymentStatus state, PageRequest request) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (customerId != null) {
            where.append("e.customerId = :customerId");
            params.put("customerId", customerId);
        }
        if (state != null) {
            where.append(where.length() > 0 ? " AND " : "").append("e.state = :state");
            params.put("state", state.name());
        }
        return work.inTransaction(em -> {
            Page<PaymentRecord> page = KeysetPages.page(em, PaymentRecord.class, KeysetPages.newestFirst(),
                    where.length() == 0 ? null : where.toString(), params, request, null);
            return new Page<>(page.items().stream().map(r -> view(em, r, null)).toList(), page.nextCursor());
        });
    }

    /** A call to the gateway was refused for good (a declined card): the payment FAILED. */
    PaymentView refused(String id, String code, String message) {
        return work.inTransaction(em -> {
            PaymentRecord r = em.find(PaymentRecord.class, id);
            if (!r.status().isClosed()) {
                Instant now = now();
                r.move(PaymentStatus.FAILED, null, code, message, now, now);
                em.flush();
            }
            return view(em, r, null);
        });
    }

    /**
     * The gateway's news about a payment, seen at {@code seenAt} (an event's time; null for an answer to a call, which is
     * not ordered against events):
     * applied as {@link PaymentFlow} allows; a success is recorded on the invoices (once). Runs as the current agency.
     *
     * <p>The pay request's answer, the gateway's webhooks and the automatic charge can bring news of one payment at the
     * same time. The payment's row is read locked ({@code SELECT … FOR UPDATE}): a second applier waits until the first
     * one's transaction ends and then reads the row as that one left it (a paid payment stays as it is), instead of
     * writing over the version it read before and failing with 412. This holds in whatever transaction the caller runs
     * (the webhook's also remembers the event), where a retry after a conflict could not: the conflict has already
     * marked the caller's transaction to roll back.
     */
    PaymentView apply(String id, GatewayPayment news, Instant seenAt) {
        return work.inTransaction(em -> {
            PaymentRecord r = em.find(PaymentRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                throw ProblemException.notFound(PortalTexts.MESSAGES.text("what.payment", Map.of("id", String.valueOf(id))));
            }
            r.gatewayPaymentId(news.gatewayPaymentId());
            Optional<PaymentStatus> to = PaymentFlow.next(r.status(), r.lastEventAt(), r.method(), news.state(), seenAt);
            if (to.isPresent() && to.get() == PaymentStatus.SUCCEEDED) {
                Money received = news.amountReceived() != null && news.amountReceived().isPositive() ? news.amountReceived() : r.amount();
                settle(em, r, received, seenAt == null ? now() : seenAt);
                if (r.saveCard() && news.savedMethod() != null) {
                    // "save this card and pay new invoices automatically": the card is kept and autopay switched on
                    autopay.saved(r.contactId(), r.customerId(), r.gatewayId(), news.savedMethod(), true);
                }
            } else if (to.isPresent()) {
                r.move(to.get(), news.nextAction(), news.failureCode(), news.failureMessage(), seenAt, now());
                em.flush();
            } else {
                em.flush();
            }
            return view(em, r, news.nextAction());
        });
    }

    private void settle(EntityManager em, PaymentRecord r, Money received, Instant paidAt) {
        Instant now = now();
        // take the payment's version first: a concurrent settlement of the same payment now fails and rolls back
        r.settle(received, Money.zero(received.currency()), paidAt, now);
        em.flush();
        List<PaymentInvoiceRecord> rows = rows(em, r.id());
        String agencyId = RequestContext.agencyId();
        Principal payer = new Principal(io.clientele.platform.api.PrincipalKind.SYSTEM, "system",
                "Portal payment by " + r.contactName(), agencyId, RequestContext.principal().agencySlug(), java.util.Set.of(
                        io.clientele.platform.api.Role.ADMIN), null);
        RequestContext.runAs(payer, () -> {
            Map<String, Money> balances = new LinkedHashMap<>();
            List<Map.Entry<String, Money>> asked = new ArrayList<>();
            for (PaymentInvoiceRecord row : rows) {
                asked.add(new AbstractMap.SimpleEntry<>(row.invoiceId(), Money.of(row.amount(), received.currency())));
                billing.invoice(row.invoiceId()).filter(i -> i.status() == InvoiceStatus.OPEN && i.currency().equals(received.currency()))
                        .ifPresent(i -> balances.put(i.id(), i.balance()));
            }
            Settlement settlement = PaymentFlow.settle(received, asked, balances);
            for (Share share : settlement.shares()) {
                PaymentInvoiceRecord row = rows.stream().filter(x -> x.invoiceId().equals(share.invoiceId())).findFirst().orElseThrow();
                if (!share.recorded().isPositive()) {
                    row.recorded(BigDecimal.ZERO.setScale(2), null);
                    continue;
                }
                Invoice after = billing.recordPayment(share.invoiceId(), new NewPayment(share.recorded(), r.method().name(), paidAt, r.contactName() + " (portal)"));
                String paymentId = after.payments().stream()
                        .filter(p -> p.amount().equals(share.recorded()) && p.paidAt().equals(paidAt.truncatedTo(ChronoUnit.MICROS)))
                        .max(Comparator.comparing(Payment::createdAt)).map(Payment::id).orElse(null);
                row.recorded(share.recorded().amount(), paymentId);
                history.record("customer", r.customerId(), "invoice", share.invoiceId(), "PAID_ONLINE",
                        HistoryService.diff(Map.of(), Map.of("paidBy", r.contactName(), "contactId", r.contactId(),
                                "amount", share.recorded().toString(), "method", r.method().name(), "portalPaymentId", r.id())));
            }
            r.settle(received, settlement.excess(), paidAt, now);
            em.persist(PortalEventRecord.of(Jdbc.newId(), r.customerId(), "PAYMENT_RECEIVED",
                    Map.of("amount", received, "method", r.method().name()), r.id(), now));
            if (settlement.excess().isPositive()) {
                history.record("customer", r.customerId(), "portal-payment", r.id(), "OVERPAID",
                        HistoryService.diff(Map.of(), Map.of("received", received.toString(), "excess", settlement.excess().toString())));
            }
            em.flush();
            if (r.origin() == Origin.AUTOPAY) {
                mails.autoCharged(r.contactId(), rows.stream().map(PaymentInvoiceRecord::invoiceNumber).toList(), received);
            }
        });
    }

    /** Runs {@code work} as the platform, for the current agency (reads of invoices and customers a contact may not make). */
    static <T> T asAgency(String what, Supplier<T> work) {
        Principal p = RequestContext.principal();
        return RequestContext.runAs(Principal.system(p.agencyId(), p.agencySlug(), what), work);
    }
}
