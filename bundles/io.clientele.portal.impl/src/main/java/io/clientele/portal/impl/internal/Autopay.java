package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.payment.api.MethodSetup;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.SavedMethod;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Contacts' autopay: a card saved at the gateway (through the gateway's setup, or a card payment made with
 * {@code saveCard}), the switch, and forgetting the card when it is switched off. Changes are recorded in the customer's
 * history.
 */
@Component(service = Autopay.class)
public class Autopay {

    private final EntityWork work;
    private final Gateways gateways;
    private final Payers payers;
    private final HistoryService history;
    private final Clock clock;
    private final Supplier<String> publicBaseUrl;

    @Activate
    public Autopay(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                   @Reference PortalModule module, @Reference Gateways gateways, @Reference Payers payers, @Reference HistoryService history,
                   @Reference PortalSettingsStore settings) {
        this(new EntityWork(database, unit), gateways, payers, history, Clock.systemUTC(), settings::publicBaseUrl);
    }

    Autopay(EntityWork work, Gateways gateways, Payers payers, HistoryService history, Clock clock) {
        this(work, gateways, payers, history, clock, () -> "http://localhost:8181");
    }

    Autopay(EntityWork work, Gateways gateways, Payers payers, HistoryService history, Clock clock, Supplier<String> publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.work = work;
        this.gateways = gateways;
        this.payers = payers;
        this.history = history;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The saved card as people see it. */
    public record Card(String brand, String last4, String expiry) {
    }

    /** A contact's autopay: the switch, the saved card (or null), the last automatic charge's outcome. */
    public record AutopayView(boolean enabled, Card card, String lastChargeState, String lastChargeMessage) {
        static AutopayView of(AutopayRecord r) {
            if (r == null) {
                return new AutopayView(false, null, null, null);
            }
            SavedMethod m = r.method();
            return new AutopayView(r.enabled(), m == null ? null : new Card(m.brand(), m.last4(), m.expiry() == null ? null : m.expiry().toString()),
                    r.lastChargeState(), r.lastChargeMessage());
        }
    }

    /** A card setup started: its id and what the browser does next. */
    public record Setup(String setupId, PaymentLedger.Next nextAction) {
    }

    Optional<AutopayRecord> record(String contactId) {
        return work.inTransaction(em -> Optional.ofNullable(em.find(AutopayRecord.class, contactId)));
    }

    public AutopayView view(Contact contact) {
        return AutopayView.of(record(contact.id()).orElse(null));
    }

    /** Autopay per contact of {@code contactIds} (absent: off), for the staff's list of portal users. */
    Map<String, AutopayView> views(Collection<String> contactIds) {
        if (contactIds.isEmpty()) {
            return Map.of();
        }
        return work.inTransaction(em -> {
            Map<String, AutopayView> out = new HashMap<>();
            em.createQuery("SELECT a FROM PortalAutopay a WHERE a.id IN :ids", AutopayRecord.class).setParameter("ids", List.copyOf(contactIds))
                    .getResultList().forEach(a -> out.put(a.contactId(), AutopayView.of(a)));
            return out;
        });
    }

    /**
     * Switches autopay on (409 naming {@code enabled} while no card is saved: start one with
     * {@code POST /v1/portal/payment-methods}) or off (the saved card is forgotten).
     */
    public AutopayView set(Contact contact, Boolean enabled) {
        if (enabled == null) {
            throw ProblemException.invalid("enabled", "required", PortalTexts.MESSAGES.text("field.required_boolean"));
        }
        return work.inTransaction(em -> {
            AutopayRecord r = em.find(AutopayRecord.class, contact.id());
            Instant now = now();
            if (enabled) {
                if (r == null || r.method() == null) {
                    throw ProblemException.conflict("enabled", "no_saved_card", PortalTexts.MESSAGES.text("autopay.no_card"));
                }
                if (!r.enabled()) {
                    r.enable(now);
                    history.record("customer", contact.customerId(), "portal-autopay", contact.id(), "ENABLED",
                            HistoryService.diff(Map.of("autopay", false), Map.of("autopay", true)));
                }
            } else if (r != null && (r.enabled() || r.method() != null)) {
                r.disable(now);
                history.record("customer", contact.customerId(), "portal-autopay", contact.id(), "DISABLED",
                        HistoryService.diff(Map.of("autopay", true), Map.of("autopay", false)));
            }
            em.flush();
            return AutopayView.of(r);
        });
    }

    /**
     * Starts saving a card at the current gateway; the saved card arrives as the gateway's METHOD_SAVED event. A gateway
     * with a hosted page (REDIRECT) sends the payer back to {@code /portal/{slug}/payments?setup={reference}}.
     */
    public Setup startSetup(Contact contact) {
        PaymentGateway gateway = gateways.require();
        String known = record(contact.id()).filter(r -> gateway.id().equals(r.gatewayId())).map(AutopayRecord::gatewayCustomerId).orElse(null);
        String reference = Jdbc.newId();
        URI back = URI.create(publicBaseUrl.get() + "/portal/" + RequestContext.principal().agencySlug() + "/payments?setup=" + reference);
        MethodSetup setup;
        try {
            setup = gateway.startMethodSetup(payers.payer(contact.customerId(), contact.email(), known), reference, back);
        } catch (io.clientele.payment.api.GatewayException e) {
            throw PortalPayments.gatewayFailed(e);
        }
        work.inTransaction(em -> {
            AutopayRecord r = em.find(AutopayRecord.class, contact.id());
            if (r == null) {
                r = new AutopayRecord(contact.id(), contact.customerId(), now());
                em.persist(r);
            }
            r.setupStarted(gateway.id(), reference, setup.gatewayCustomerId(), now());
            em.flush();
            return null;
        });
        return new Setup(reference, PaymentLedger.Next.of(null, setup.nextAction()));
    }

    /** The agency of a setup started by {@link #startSetup} (any agency: for the webhook, which has none yet). */
    static Optional<String> agencyOfSetup(Database database, String reference) {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT agency_id FROM portal_autopay WHERE setup_reference = ?",
                rs -> rs.getString(1), reference));
    }

    /** The gateway saved the card of the setup {@code reference}: stored, and autopay switched on. Runs as the agency. */
    void methodSaved(String reference, String gatewayId, SavedMethod method) {
        work.inTransaction(em -> {
            em.createQuery("SELECT a FROM PortalAutopay a WHERE a.setupReference = :r", AutopayRecord.class).setParameter("r", reference)
                    .getResultList().forEach(r -> saved(r.contactId(), r.customerId(), gatewayId, method, true));
            return null;
        });
    }

    /** Stores the contact's saved card; with {@code enable} autopay is switched on too. */
    void saved(String contactId, String customerId, String gatewayId, SavedMethod method, boolean enable) {
        work.inTransaction(em -> {
            AutopayRecord r = em.find(AutopayRecord.class, contactId);
            Instant now = now();
            if (r == null) {
                r = new AutopayRecord(contactId, customerId, now);
                em.persist(r);
            }
            r.saved(gatewayId, method, now);
            boolean was = r.enabled();
            if (enable) {
                r.enable(now);
            }
            em.flush();
            history.record("customer", customerId, "portal-autopay", contactId, "CARD_SAVED",
                    HistoryService.diff(Map.of("autopay", was), Map.of("autopay", r.enabled(), "card", method.brand() + " •••• " + method.last4())));
            return null;
        });
    }

    /** The contact of the customer whose saved card autopay charges: the one that switched it on last. */
    Optional<AutopayRecord> activeFor(String customerId) {
        return work.inTransaction(em -> em.createQuery("SELECT a FROM PortalAutopay a WHERE a.customerId = :c AND a.enabled = :on",
                AutopayRecord.class).setParameter("c", customerId).setParameter("on", Boolean.TRUE).getResultList().stream().filter(a -> a.method() != null)
                .max(Comparator.comparing(AutopayRecord::enabledAt, Comparator.nullsFirst(Comparator.naturalOrder()))));
    }

    /** Records the last automatic charge's outcome on the contact's autopay (shown to the contact and to staff). */
    void lastCharge(String contactId, String state, String message) {
        work.inTransaction(em -> {
            AutopayRecord r = em.find(AutopayRecord.class, contactId);
            if (r != null) {
                r.lastCharge(state, message, now());
                em.flush();
            }
            return null;
        });
    }
}
