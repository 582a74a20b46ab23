package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.BillingService;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.payment.api.GatewayException;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.payment.api.SavedMethod;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.portal.impl.internal.AutoChargeRecord.Status;
import io.clientele.portal.impl.internal.AutoCharges.Claimed;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the automatic charges ({@link AutoCharges}): claims due ones with a lease, and for each, as its agency and
 * outside any transaction, charges the contact's saved card off-session with the charge's id as the order's reference
 * (so an attempt repeated after a crash or a retryable error gets the gateway's same payment, never a second one), then:
 * <ul>
 *   <li>paid: the invoice is recorded (and the auto-charge e-mail queued) by {@link PaymentLedger#apply};</li>
 *   <li>authentication needed: the contact is e-mailed a link to pay on-session;</li>
 *   <li>declined: the payment FAILED, the contact is e-mailed, staff see it (the payment and the contact's autopay);</li>
 *   <li>the gateway unreachable or absent: tried again after {@link AutoCharges#BACKOFF}, then given up (FAILED).</li>
 * </ul>
 */
@Component(immediate = true, configurationPid = "io.clientele.portal", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class AutoChargeWorker {

    private static final Logger LOG = LoggerFactory.getLogger(AutoChargeWorker.class);

    private final AutoCharges charges;
    private final PaymentLedger ledger;
    private final Autopay autopay;
    private final Gateways gateways;
    private final Payers payers;
    private final BillingService billing;
    private final PaymentMails mails;
    private final Database database;
    private final AgencyDirectory agencies;
    private final Duration lease;
    private final ScheduledExecutorService scheduler;

    @Activate
    public AutoChargeWorker(@Reference AutoCharges charges, @Reference PaymentLedger ledger, @Reference Autopay autopay,
                            @Reference Gateways gateways, @Reference Payers payers, @Reference BillingService billing,
                            @Reference PaymentMails mails, @Reference Database database, @Reference AgencyDirectory agencies,
                            PortalConfig config) {
        this(charges, ledger, autopay, gateways, payers, billing, mails, database, agencies, Duration.ofSeconds(Math.max(10, config.autoChargeLeaseSeconds())));
        scheduler.scheduleWithFixedDelay(this::poll, 2, Math.max(1, config.autoChargePollSeconds()), TimeUnit.SECONDS);
    }

    AutoChargeWorker(AutoCharges charges, PaymentLedger ledger, Autopay autopay, Gateways gateways, Payers payers, BillingService billing,
                     PaymentMails mails, Database database, AgencyDirectory agencies, Duration lease) {
        this.charges = charges;
        this.ledger = ledger;
        this.autopay = autopay;
        this.gateways = gateways;
        this.payers = payers;
        this.billing = billing;
        this.mails = mails;
        this.database = database;
        this.agencies = agencies;
        this.lease = lease;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clientele-portal-autocharge");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** One look at the queue; answers how many charges it attempted. */
    int poll() {
        try {
            List<Claimed> batch = charges.claim(lease, 20);
            for (Claimed c : batch) {
                String slug = agencies.findById(c.agencyId()).map(a -> a.slug()).orElse(null);
                try {
                    RequestContext.runAs(Principal.system(c.agencyId(), slug, "autopay"), () -> attempt(c.id()));
                } catch (RuntimeException e) {
                    LOG.warn("automatic charge {} could not be attempted ({}); it is tried again when its lease ends", c.id(), e.toString());
                }
            }
            return batch.size();
        } catch (RuntimeException e) {
            LOG.warn("the automatic-charge worker's poll failed: {}", e.toString());
            return 0;
        }
    }

    /** One attempt of a claimed charge, as its agency. */
    void attempt(String id) {
        AutoChargeRecord charge = charges.find(id).orElseThrow();
        PaymentRecord payment = ledger.find(id).orElseThrow();
        if (payment.status().isClosed()) {
            charges.attempted(id, Status.DONE, null);
            return;
        }
        Optional<AutopayRecord> on = autopay.record(charge.contactId()).filter(AutopayRecord::enabled);
        SavedMethod card = on.map(AutopayRecord::method).orElse(null);
        if (card == null) {
            skip(id, "autopay_off", "Autopay was switched off before the invoice was charged.");
            return;
        }
        boolean open = billing.invoice(charge.invoiceId()).filter(i -> i.status() == InvoiceStatus.OPEN && i.balance().isPositive()).isPresent();
        if (!open) {
            skip(id, "invoice_settled", "The invoice was paid or cancelled before it was charged.");
            return;
        }
        Optional<PaymentGateway> gateway = gateways.byId(payment.gatewayId());
        if (gateway.isEmpty()) {
            retry(id, charge, payment, "unavailable", "The payment gateway '" + payment.gatewayId() + "' is not installed.");
            return;
        }
        GatewayPayment answer;
        try {
            PaymentOrder order = new PaymentOrder(id, payment.amount(), PaymentMethodType.CARD,
                    payers.payer(payment.customerId(), null, card.gatewayCustomerId()), "Invoice " + number(id) + " (autopay)",
                    Map.of("agencyId", RequestContext.agencyId(), "paymentId", id, "invoiceId", charge.invoiceId()), null, false);
            answer = gateway.get().chargeSavedMethod(order, card);
        } catch (GatewayException e) {
            if (e.retryable()) {
                retry(id, charge, payment, e.code(), e.getMessage());
            } else {
                declined(id, charge, payment, e.code(), e.getMessage());
            }
            return;
        }
        PaymentView view = ledger.apply(id, answer, null);
        switch (view.state()) {
            case SUCCEEDED, OVERPAID -> database.inTransaction(c -> {
                charges.attempted(id, Status.DONE, null);
                autopay.lastCharge(charge.contactId(), "SUCCEEDED", "Invoice " + number(id) + " charged " + view.amountReceived());
                return null;
            });
            case REQUIRES_ACTION -> database.inTransaction(c -> {
                charges.attempted(id, Status.ACTION_REQUIRED, answer.failureCode());
                autopay.lastCharge(charge.contactId(), "ACTION_REQUIRED", "Invoice " + number(id) + ": the bank asks the payer to confirm the payment.");
                mails.actionNeeded(charge.contactId(), charge.invoiceId(), number(id), payment.amount());
                return null;
            });
            case FAILED, CANCELED, EXPIRED -> declined(id, charge, payment, answer.failureCode(), answer.failureMessage());
            default -> charges.attempted(id, Status.DONE, null); // PROCESSING: the outcome arrives as a webhook event
        }
    }

    private long number(String paymentId) {
        return ledger.view(paymentId).invoices().get(0).number();
    }

    private void skip(String id, String code, String message) {
        database.inTransaction(c -> {
            ledger.refused(id, code, message);
            charges.attempted(id, Status.SKIPPED, message);
            return null;
        });
    }

    private void retry(String id, AutoChargeRecord charge, PaymentRecord payment, String code, String message) {
        database.inTransaction(c -> {
            if (charges.attempted(id, Status.PENDING, code + ": " + message) == Status.GAVE_UP) {
                ledger.refused(id, code, message);
                autopay.lastCharge(charge.contactId(), "FAILED", "Invoice " + number(id) + ": the payment gateway could not be reached.");
            }
            return null;
        });
    }

    private void declined(String id, AutoChargeRecord charge, PaymentRecord payment, String code, String message) {
        String reason = message == null || message.isBlank() ? code : message;
        Money amount = payment.amount();
        database.inTransaction(c -> {
            ledger.refused(id, code, message);
            charges.attempted(id, Status.DECLINED, code + ": " + reason);
            autopay.lastCharge(charge.contactId(), "DECLINED", "Invoice " + number(id) + ": " + reason);
            mails.declined(charge.contactId(), charge.invoiceId(), number(id), amount, reason);
            return null;
        });
    }
}
