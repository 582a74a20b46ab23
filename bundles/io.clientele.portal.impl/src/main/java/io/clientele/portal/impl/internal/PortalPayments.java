package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import io.clientele.portal.impl.internal.PaymentRecord.Origin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A contact pays open invoices of its own customer: one gateway payment for the sum of their balances (one currency), by
 * a method the gateway offers for it. The payment record is created once per {@code Idempotency-Key} (the platform's
 * {@link IdempotencyService}); the gateway is then asked, outside any transaction, for the payment whose reference is
 * the record's id, so repeating the request — or retrying after a lost answer — never makes a second gateway payment.
 */
@Component(service = PortalPayments.class)
public class PortalPayments {

    static final int MAX_INVOICES = 50;

    private final Gateways gateways;
    private final PaymentLedger ledger;
    private final BillingService billing;
    private final IdempotencyService idempotency;
    private final Payers payers;
    private final Autopay autopay;
    private final Supplier<String> publicBaseUrl;

    @Activate
    public PortalPayments(@Reference Gateways gateways, @Reference PaymentLedger ledger, @Reference BillingService billing,
                          @Reference IdempotencyService idempotency, @Reference Payers payers, @Reference Autopay autopay,
                          @Reference PortalSettingsStore settings) {
        this(gateways, ledger, billing, idempotency, payers, autopay, settings::publicBaseUrl);
    }

    PortalPayments(Gateways gateways, PaymentLedger ledger, BillingService billing, IdempotencyService idempotency, Payers payers,
                   Autopay autopay, Supplier<String> publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.gateways = gateways;
        this.ledger = ledger;
        this.billing = billing;
        this.idempotency = idempotency;
        this.payers = payers;
        this.autopay = autopay;
    }

    /** What the idempotency store keeps of a pay request: the payment it created. */
    public record Created(String paymentId) {
    }

    /** An open invoice the contact may pay: its balance and the methods the gateway offers for its currency. */
    public record Payable(String invoiceId, long number, LocalDate issueDate, LocalDate dueDate, String currency, String total,
                          String balance, List<String> methods) {
    }

    /** The Payments screen's list: open invoices with a balance, and whether a gateway is there to pay them. */
    public record PayableList(boolean gatewayAvailable, List<Payable> items) {
    }

    public PayableList payable(Contact contact) {
        List<Invoice> open = PaymentLedger.asAgency("portal payments", () -> billing.invoicesOf(contact.customerId())).stream()
                .filter(i -> i.status() == InvoiceStatus.OPEN && i.balance().isPositive())
                .sorted(Comparator.comparing(Invoice::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        PaymentGateway gateway = gateways.current().orElse(null);
        return new PayableList(gateway != null, open.stream().map(i -> new Payable(i.id(), i.number(), i.issueDate(), i.dueDate(), i.currency().getCurrencyCode(),
                i.total().toPlainString(), i.balance().toPlainString(), gateway == null ? List.of() : gateway.methods(i.currency()).stream().map(Enum::name).sorted().toList())).toList());
    }

    /**
     * Pays {@code invoiceIds} (open, the contact's customer's — else 404 —, with a balance, in one currency) by
     * {@code method}; {@code saveCard} (card only) also saves the card for autopay.
     */
    public PaymentView pay(Contact contact, List<String> invoiceIds, String method, Boolean saveCard, String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        PaymentMethodType type = null;
        if (method == null || method.isBlank()) {
            errors.add("method", "required", PortalTexts.MESSAGES.text("payments.method.required"));
        } else {
            try {
                type = PaymentMethodType.valueOf(method.trim());
            } catch (IllegalArgumentException e) {
                errors.add("method", "one_of", PortalTexts.MESSAGES.text("payments.method.one_of", Map.of("allowed", Arrays.toString(PaymentMethodType.values()))));
            }
        }
        if (invoiceIds == null || invoiceIds.isEmpty()) {
            errors.add("invoiceIds", "required", PortalTexts.MESSAGES.text("payments.invoices.required"));
        } else if (invoiceIds.size() > MAX_INVOICES) {
            errors.add("invoiceIds", "too_many", PortalTexts.MESSAGES.text("payments.invoices.too_many", Map.of("max", MAX_INVOICES)));
        } else {
            for (int i = 0; i < invoiceIds.size(); i++) {
                if (invoiceIds.get(i) == null || invoiceIds.get(i).isBlank()) {
                    errors.add("invoiceIds[" + i + "]", "invalid_id", PortalTexts.MESSAGES.text("payments.invoice_id"));
                }
            }
        }
        boolean save = Boolean.TRUE.equals(saveCard);
        if (save && type != null && type != PaymentMethodType.CARD) {
            errors.add("saveCard", "not_allowed", PortalTexts.MESSAGES.text("payments.save_card"));
        }
        errors.throwIfAny();
        Set<String> ids = new LinkedHashSet<>(invoiceIds);
        PaymentMethodType chosen = type;
        Created created = idempotency.execute(idempotencyKey, "portal.pay", fingerprint(ids, chosen, save), Created.class,
                () -> new Created(create(contact, ids, chosen, save)));
        return submit(created.paymentId(), contact);
    }

    private String create(Contact contact, Set<String> ids, PaymentMethodType method, boolean saveCard) {
        List<Invoice> invoices = new ArrayList<>();
        for (String id : ids) {
            Invoice invoice = (id.length() > 36 ? java.util.Optional.<Invoice>empty()
                    : PaymentLedger.asAgency("portal payments", () -> billing.invoice(id)))
                    .filter(i -> i.customerId().equals(contact.customerId()))
                    .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.invoice", Map.of("id", id))));
            if (invoice.status() != InvoiceStatus.OPEN) {
                throw ProblemException.conflict("invoiceIds", "not_open", PortalTexts.MESSAGES.text("payments.invoice.not_open",
                        Map.of("number", String.valueOf(invoice.number()), "status", invoice.status().name())));
            }
            if (!invoice.balance().isPositive()) {
                throw ProblemException.conflict("invoiceIds", "nothing_to_pay", PortalTexts.MESSAGES.text("payments.invoice.paid",
                        Map.of("number", String.valueOf(invoice.number()))));
            }
            invoices.add(invoice);
        }
        if (invoices.stream().map(Invoice::currency).distinct().count() > 1) {
            throw ProblemException.invalid("invoiceIds", "mixed_currencies", PortalTexts.MESSAGES.text("payments.currencies"));
        }
        PaymentGateway gateway = gateways.require(); // after the invoices: another customer's is 404 with or without a gateway
        var currency = invoices.get(0).currency();
        if (!gateway.methods(currency).contains(method)) {
            throw ProblemException.invalid("method", "not_offered", PortalTexts.MESSAGES.text("payments.method.not_offered", Map.of("method", method.name(),
                    "currency", currency.getCurrencyCode(), "offered", new TreeSet<>(gateway.methods(currency)).toString())));
        }
        return ledger.create(Jdbc.newId(), contact.customerId(), contact.id(), contact.name(), Origin.PORTAL, gateway.id(), method,
                saveCard, invoices);
    }

    /**
     * Asks the gateway for the payment (created with the record's id as its reference, or read back once it has a gateway
     * id) and applies the answer; a closed payment is answered as stored. A refusal (a declined card) makes the payment
     * FAILED; a gateway that cannot be reached is 503 and the payment stays PENDING: the same request again (same
     * Idempotency-Key) resumes it.
     */
    PaymentView submit(String paymentId, Contact contact) {
        PaymentRecord r = ledger.find(paymentId).orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.payment", Map.of("id", String.valueOf(paymentId)))));
        if (r.status().isClosed()) {
            return ledger.viewFor(contact.customerId(), paymentId, null);
        }
        PaymentGateway gateway = gateways.require(r.gatewayId());
        GatewayPayment answer;
        try {
            answer = r.gatewayPaymentId() == null ? gateway.createPayment(order(r, contact)) : gateway.payment(r.gatewayPaymentId());
        } catch (GatewayException e) {
            if (e.retryable()) {
                throw gatewayFailed(e);
            }
            return ledger.refused(paymentId, e.code(), e.getMessage());
        }
        // an answer to a call is not ordered against the gateway's events (null): it applies unless the payment is closed
        PaymentView applied = PaymentLedger.asAgency("portal payment", () -> ledger.apply(paymentId, answer, null));
        return ledger.viewFor(contact.customerId(), applied.id(), answer.nextAction());
    }

    private PaymentOrder order(PaymentRecord r, Contact contact) {
        String known = autopay.record(contact.id()).filter(a -> r.gatewayId().equals(a.gatewayId())).map(AutopayRecord::gatewayCustomerId)
                .orElse(null);
        List<Long> numbers = PaymentLedger.asAgency("portal payment", () -> ledger.viewFor(r.customerId(), r.id(), null)).invoices().stream()
                .map(PaymentLedger.PaidInvoice::number).toList();
        String slug = RequestContext.principal().agencySlug();
        URI back = URI.create(publicBaseUrl.get() + "/portal/" + slug + "/payments?payment=" + r.id());
        return new PaymentOrder(r.id(), r.amount(), r.method(), payers.payer(r.customerId(), contact.email(), known),
                (numbers.size() == 1 ? "Invoice " : "Invoices ") + PaymentMails.numbers(numbers),
                Map.of("agencyId", RequestContext.agencyId(), "paymentId", r.id()), back, r.saveCard());
    }

    static ProblemException gatewayFailed(GatewayException e) {
        if (e.retryable()) {
            return new ProblemException(503, "payment_gateway_unavailable", "The payment gateway could not be reached (" + e.code()
                    + "); send the same request again (same Idempotency-Key) in a moment.", null, 5L);
        }
        return new ProblemException(422, "payment_refused", e.getMessage() + " (" + e.code() + ")", null, null);
    }

    static String fingerprint(Set<String> ids, PaymentMethodType method, boolean save) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((new TreeSet<>(ids) + "|" + method + "|" + save)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
