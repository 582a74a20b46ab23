package io.clientele.portal.impl.internal;

import io.clientele.payment.api.GatewayEvent;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.payment.api.WebhookRejected;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.DuplicateKeyException;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways' notifications: the exact body bytes and headers go to the named gateway's
 * {@link PaymentGateway#verifyWebhook}; a verified event is handled once — its id is stored under a primary key
 * (gateway, event id) in the same transaction as what it changes, so a redelivery is a no-op and a failure rolls both
 * back for the provider to deliver again — as the agency of the payment or card setup its reference names.
 */
@Component(service = PaymentWebhooks.class)
public class PaymentWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhooks.class);
    static final int MAX_BODY_BYTES = 512 * 1024;

    /** What became of a delivery, for the provider's log. */
    public enum Outcome {
        HANDLED, DUPLICATE, IGNORED
    }

    private final Database database;
    private final Gateways gateways;
    private final PaymentLedger ledger;
    private final Autopay autopay;
    private final AgencyDirectory agencies;

    @Activate
    public PaymentWebhooks(@Reference Database database, @Reference Gateways gateways, @Reference PaymentLedger ledger,
                           @Reference Autopay autopay, @Reference AgencyDirectory agencies) {
        this.database = database;
        this.gateways = gateways;
        this.ledger = ledger;
        this.autopay = autopay;
        this.agencies = agencies;
    }

    /**
     * Handles one delivery: 503 while the gateway is not installed (the provider retries), 400 when it does not verify.
     */
    public Outcome receive(String gatewayId, Map<String, List<String>> headers, byte[] body) {
        PaymentGateway gateway = gateways.require(gatewayId == null ? "" : gatewayId);
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        GatewayEvent event;
        try {
            event = gateway.verifyWebhook(new WebhookDelivery(lower, body));
        } catch (WebhookRejected e) {
            LOG.warn("payment gateway {}: a webhook was rejected: {}", gatewayId, e.getMessage());
            throw new ProblemException(400, "webhook_rejected", e.getMessage(), null, null);
        }
        if (event == null || event.eventId() == null || event.type() == null) {
            throw new ProblemException(400, "webhook_rejected", "The gateway could not translate the notification.", null, null);
        }
        try {
            return handle(gateway, event);
        } catch (DuplicateKeyException e) {
            return Outcome.DUPLICATE; // the same event handled at the same moment by another request
        }
    }

    Outcome handle(PaymentGateway gateway, GatewayEvent event) {
        String reference = event.reference() != null ? event.reference()
                : event.payment() != null ? event.payment().reference() : null;
        boolean aboutPayment = event.payment() != null && event.type() != GatewayEvent.Type.METHOD_SAVED
                && event.type() != GatewayEvent.Type.OTHER;
        boolean aboutSetup = event.type() == GatewayEvent.Type.METHOD_SAVED && event.savedMethod() != null;
        Optional<String> agency = reference == null || reference.length() > 36 ? Optional.empty()
                : aboutPayment ? agencyOfPayment(reference) : aboutSetup ? Autopay.agencyOfSetup(database, reference) : Optional.empty();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (agency.isEmpty()) {
            // not about anything of ours (another system's payment on the same account, an event type we do not use):
            // acknowledged and remembered, so that it is not looked at again
            return database.inTransaction(c -> {
                if (seen(c, gateway.id(), event.eventId())) {
                    return Outcome.DUPLICATE;
                }
                remember(c, gateway.id(), event, null, reference, now);
                return Outcome.IGNORED;
            });
        }
        Agency a = agencies.findById(agency.get()).orElse(null);
        Principal system = Principal.system(agency.get(), a == null ? null : a.slug(), "payment gateway " + gateway.id());
        return RequestContext.runAs(system, () -> database.inTransaction(c -> {
            if (seen(c, gateway.id(), event.eventId())) {
                return Outcome.DUPLICATE;
            }
            remember(c, gateway.id(), event, agency.get(), reference, now);
            Instant at = event.occurredAt() == null ? now : event.occurredAt().truncatedTo(ChronoUnit.MICROS);
            if (aboutSetup) {
                autopay.methodSaved(reference, gateway.id(), event.savedMethod());
            } else {
                ledger.apply(reference, event.payment(), at);
            }
            return Outcome.HANDLED;
        }));
    }

    private Optional<String> agencyOfPayment(String paymentId) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT agency_id FROM portal_payment WHERE id = ?", rs -> rs.getString(1), paymentId));
    }

    private static boolean seen(java.sql.Connection c, String gatewayId, String eventId) {
        return Jdbc.count(c, "SELECT COUNT(*) FROM portal_payment_event WHERE gateway_id = ? AND event_id = ?", gatewayId, eventId) > 0;
    }

    private static void remember(java.sql.Connection c, String gatewayId, GatewayEvent event, String agencyId, String reference, Instant now) {
        Jdbc.update(c, "INSERT INTO portal_payment_event (gateway_id, event_id, agency_id, event_type, reference, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", gatewayId, PaymentRecord.cut(event.eventId(), 255), agencyId, event.type().name(),
                PaymentRecord.cut(reference, 255), now);
    }
}
