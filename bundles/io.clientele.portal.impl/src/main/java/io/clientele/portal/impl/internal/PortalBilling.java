package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.Estimate;
import io.clientele.monthlyfee.api.EstimateService;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The portal's Invoices and Estimates tabs: a contact's own customer's invoices and estimates, read and answered through
 * the monthly-fee module's API ({@link BillingService}, {@link EstimateService}) — never its tables. Those services come
 * and go with the module: while it is not installed, or the agency does not subscribe to it, every call answers 403
 * {@code module_not_enabled} naming {@code monthly-fee}. The module is called as the platform in the contact's agency
 * (a contact is no staff user the customer's visibility rules know), and everything it answers is checked to belong to
 * the contact's customer: another customer's id is 404, as a missing one; a DRAFT estimate is never shown.
 */
@Component(service = PortalBilling.class)
public class PortalBilling {

    static final String MONTHLY_FEE = "monthly-fee";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile BillingService billing;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EstimateService estimates;

    private final AgencyDirectory agencies;

    @Activate
    public PortalBilling(@Reference AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    // ---- what a contact sees (no staff ids, no internal fee or entry ids)

    @Schema(name = "PortalInvoice")
    public record InvoiceView(String id, long number, String legalEntityName, BillingAddress address, LocalDate issueDate, LocalDate dueDate,
                              @Schema(example = "1250.00") String total, @Schema(example = "BRL") String currency, InvoiceStatus status,
                              String paid, String balance, List<InvoiceLineView> lines, List<PaymentView> payments) {
        static InvoiceView of(Invoice i) {
            return new InvoiceView(i.id(), i.number(), i.legalEntityName(), i.address(), i.issueDate(), i.dueDate(), i.total().toPlainString(),
                    i.currency().getCurrencyCode(), i.status(), i.paid().toPlainString(), i.balance().toPlainString(),
                    i.lines().stream().map(l -> new InvoiceLineView(l.description(), l.dueDate(), l.amount().toPlainString())).toList(),
                    i.payments().stream().map(p -> new PaymentView(p.amount().toPlainString(), p.method(), p.paidAt())).toList());
        }
    }

    @Schema(name = "PortalInvoiceLine")
    public record InvoiceLineView(String description, LocalDate dueDate, String amount) {
    }

    @Schema(name = "PortalPayment")
    public record PaymentView(String amount, String method, Instant paidAt) {
    }

    /** The balance still to pay in one currency, summed over the open invoices. */
    @Schema(name = "PortalBalance")
    public record Balance(@Schema(example = "BRL") String currency, @Schema(example = "1250.00") String amount) {
    }

    /** {@code actionable}: SENT, so the contact may accept or decline it now. */
    @Schema(name = "PortalEstimate")
    public record EstimateView(String id, String title, EstimateStatus status, boolean actionable, @Schema(example = "BRL") String currency,
                               String total, List<EstimateLineView> lines, Instant sentAt, Instant decidedAt, String decidedByContactName,
                               String decisionComment, Instant createdAt) {
        static EstimateView of(Estimate e) {
            Estimate.Decision d = e.decision();
            return new EstimateView(e.id(), e.title(), e.status(), e.status() == EstimateStatus.SENT, e.total().currencyCode(),
                    e.total().toPlainString(), e.lines().stream().map(l -> new EstimateLineView(l.description(), l.quantity(),
                    l.unitPrice().toPlainString(), l.amount().toPlainString())).toList(), e.sentAt(), d == null ? null : d.decidedAt(),
                    d == null ? null : d.contactName(), d == null ? null : d.comment(), e.createdAt());
        }
    }

    @Schema(name = "PortalEstimateLine")
    public record EstimateLineView(String description, BigDecimal quantity, String unitPrice, String amount) {
    }

    // ---- invoices

    /**
     * The customer's invoices, highest number first, optionally in one status, and what remains to pay over all its open
     * invoices (all of them: a customer's invoices are few; {@code nextCursor} is always null).
     */
    @Schema(name = "PortalInvoicePage")
    public record InvoicePage(List<InvoiceView> items, String nextCursor, List<Balance> balanceDue) {
    }

    InvoicePage invoices(Contact contact, String status) {
        InvoiceStatus wanted = parse("status", status, List.of(InvoiceStatus.values()));
        BillingService service = billingService();
        List<Invoice> all = asPortal(contact, () -> service.invoicesOf(contact.customerId())).stream()
                .filter(i -> contact.customerId().equals(i.customerId())).toList();
        return new InvoicePage(all.stream().filter(i -> wanted == null || i.status() == wanted).map(InvoiceView::of).toList(), null,
                balanceDue(all));
    }

    /** What remains to pay over the open invoices, one sum per currency (currency order). */
    static List<Balance> balanceDue(List<Invoice> invoices) {
        Map<String, Money> due = new TreeMap<>();
        for (Invoice i : invoices) {
            if (i.status() == InvoiceStatus.OPEN) {
                due.merge(i.currency().getCurrencyCode(), i.balance(), Money::plus);
            }
        }
        return due.entrySet().stream().map(e -> new Balance(e.getKey(), e.getValue().toPlainString())).toList();
    }

    InvoiceView invoice(Contact contact, String id) {
        return InvoiceView.of(ownInvoice(contact, id));
    }

    PdfFile invoicePdf(Contact contact, String id) {
        ownInvoice(contact, id);
        BillingService service = billingService();
        return asPortal(contact, () -> service.invoicePdf(id)).orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.invoice", Map.of("id", String.valueOf(id)))));
    }

    private Invoice ownInvoice(Contact contact, String id) {
        BillingService service = billingService();
        return asPortal(contact, () -> service.invoice(id)).filter(i -> contact.customerId().equals(i.customerId()))
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.invoice", Map.of("id", String.valueOf(id)))));
    }

    // ---- estimates

    /** The customer's estimates but its DRAFTs, newest first, optionally in one status. */
    List<EstimateView> estimates(Contact contact, String status) {
        EstimateStatus wanted = parse("status", status,
                List.of(EstimateStatus.SENT, EstimateStatus.ACCEPTED, EstimateStatus.DECLINED));
        EstimateService service = estimateService();
        return asPortal(contact, () -> service.estimatesOf(contact.customerId())).stream()
                .filter(e -> shownTo(contact, e))
                .filter(e -> wanted == null || e.status() == wanted).map(EstimateView::of).toList();
    }

    EstimateView estimate(Contact contact, String id) {
        return EstimateView.of(ownEstimate(contact, id));
    }

    PdfFile estimatePdf(Contact contact, String id) {
        ownEstimate(contact, id);
        EstimateService service = estimateService();
        return asPortal(contact, () -> service.estimatePdf(id)).orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(id)))));
    }

    /** The contact accepts or declines a SENT estimate of its customer, with an optional comment; a second answer is 409. */
    EstimateView decide(Contact contact, String id, EstimateStatus decision, String comment) {
        ownEstimate(contact, id);
        EstimateService service = estimateService();
        return EstimateView.of(asPortal(contact, () -> service.decide(id, decision, contact.id(), contact.name(), comment)));
    }

    private Estimate ownEstimate(Contact contact, String id) {
        EstimateService service = estimateService();
        return asPortal(contact, () -> service.estimate(id)).filter(e -> shownTo(contact, e))
                .orElseThrow(() -> ProblemException.notFound(PortalTexts.MESSAGES.text("what.estimate", Map.of("id", String.valueOf(id)))));
    }

    private static boolean shownTo(Contact contact, Estimate e) {
        return contact.customerId().equals(e.customerId()) && e.status() != EstimateStatus.DRAFT;
    }

    /** A rendered PDF as a download: {@code application/pdf}, {@code Content-Disposition: attachment; filename=…}. */
    static Response download(PdfFile pdf) {
        return Response.ok(pdf.content(), PdfFile.MEDIA_TYPE).header("Content-Disposition", pdf.contentDisposition()).build();
    }

    // ---- the module's presence

    /** The billing service while the monthly-fee module is installed and the agency subscribes to it; else 403 module_not_enabled. */
    private BillingService billingService() {
        BillingService service = billing;
        requireModule(service != null);
        return service;
    }

    private EstimateService estimateService() {
        EstimateService service = estimates;
        requireModule(service != null);
        return service;
    }

    private void requireModule(boolean installed) {
        if (!installed || !agencies.isSubscribed(RequestContext.agencyId(), MONTHLY_FEE)) {
            throw ProblemException.moduleNotEnabled(MONTHLY_FEE);
        }
    }

    /** Whether the monthly-fee module is installed and the agency subscribes to it (what the tabs' screens are listed by). */
    boolean available(String agencyId) {
        return billing != null && estimates != null && agencies.isSubscribed(agencyId, MONTHLY_FEE);
    }

    /**
     * Runs a call of the monthly-fee module as the platform in the contact's agency, named after the contact (what the
     * customer's history shows as who made a change).
     */
    private static <T> T asPortal(Contact contact, Supplier<T> work) {
        Principal self = RequestContext.principal();
        return RequestContext.runAs(Principal.system(self.agencyId(), self.agencySlug(), "Portal: " + contact.name()), work);
    }

    /** A status filter: absent, or one of {@code allowed} (any case); anything else is a 400 naming the parameter. */
    private static <E extends Enum<E>> E parse(String field, String value, List<E> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : allowed) {
            if (e.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        throw ProblemException.invalid(field, "one_of", PortalTexts.MESSAGES.text("field.one_of", Map.of("allowed", String.join(", ", allowed.stream().map(Enum::name).toList()))));
    }
}
