package io.clientele.portal.impl.internal;

import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.platform.api.money.Money;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A payment a contact started in the portal, or an automatic charge of a saved card ({@code portal_payment}). Its
 * {@link PaymentStatus} only moves as {@link PaymentFlow} allows; {@code version} guards every change, so two deliveries
 * of the same outcome racing each other settle it once. The client secret of a card payment is never stored.
 */
@Entity(name = "PortalPayment")
@Table(name = "portal_payment")
public class PaymentRecord extends TenantOwned implements CreationOrder {

    /** Who started it: the contact in the portal, or the autopay worker. */
    enum Origin {
        PORTAL, AUTOPAY
    }

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "contact_id", length = 36, nullable = false, updatable = false)
    private String contactId;

    @Column(name = "contact_name", length = 200, nullable = false, updatable = false)
    private String contactName;

    @Column(name = "origin", length = 10, nullable = false, updatable = false)
    private String origin;

    @Column(name = "gateway_id", length = 40, nullable = false, updatable = false)
    private String gatewayId;

    @Column(name = "gateway_payment_id", length = 255)
    private String gatewayPaymentId;

    @Column(name = "pay_method", length = 10, nullable = false, updatable = false)
    private String method;

    @Column(name = "save_card", nullable = false, updatable = false)
    private boolean saveCard;

    @Column(name = "currency", length = 3, nullable = false, updatable = false)
    private String currency;

    @Column(name = "amount", precision = 15, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "amount_received", precision = 15, scale = 2)
    private BigDecimal amountReceived;

    @Column(name = "excess", precision = 15, scale = 2)
    private BigDecimal excess;

    @Column(name = "state", length = 20, nullable = false)
    private String state;

    @Column(name = "next_kind", length = 20)
    private String nextKind;

    @Column(name = "next_url", length = 2000)
    private String nextUrl;

    @Column(name = "next_code", length = 2000)
    private String nextCode;

    @Column(name = "next_expires_at")
    private Instant nextExpiresAt;

    @Column(name = "failure_code", length = 100)
    private String failureCode;

    @Column(name = "failure_message", length = 500)
    private String failureMessage;

    @Column(name = "last_event_at")
    private Instant lastEventAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PaymentRecord() {
    }

    PaymentRecord(String id, String customerId, String contactId, String contactName, Origin origin, String gatewayId,
                  PaymentMethodType method, boolean saveCard, Money amount, Instant now) {
        super(id);
        this.customerId = customerId;
        this.contactId = contactId;
        this.contactName = contactName.length() > 200 ? contactName.substring(0, 200) : contactName;
        this.origin = origin.name();
        this.gatewayId = gatewayId;
        this.method = method.name();
        this.saveCard = saveCard;
        this.currency = amount.currencyCode();
        this.amount = amount.amount();
        this.state = PaymentStatus.PENDING.name();
        this.createdAt = now;
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    String contactId() {
        return contactId;
    }

    String contactName() {
        return contactName;
    }

    Origin origin() {
        return Origin.valueOf(origin);
    }

    String gatewayId() {
        return gatewayId;
    }

    String gatewayPaymentId() {
        return gatewayPaymentId;
    }

    PaymentMethodType method() {
        return PaymentMethodType.valueOf(method);
    }

    boolean saveCard() {
        return saveCard;
    }

    Money amount() {
        return Money.of(amount, currency);
    }

    Money amountReceived() {
        return amountReceived == null ? null : Money.of(amountReceived, currency);
    }

    Money excess() {
        return excess == null ? null : Money.of(excess, currency);
    }

    PaymentStatus status() {
        return PaymentStatus.valueOf(state);
    }

    Instant lastEventAt() {
        return lastEventAt;
    }

    Instant paidAt() {
        return paidAt;
    }

    String failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The stored next action (never a client secret). */
    NextAction nextAction() {
        if (nextKind == null) {
            return null;
        }
        return new NextAction(NextAction.Kind.valueOf(nextKind), null, nextUrl == null ? null : URI.create(nextUrl), nextCode, nextExpiresAt);
    }

    void gatewayPaymentId(String id) {
        if (id != null) {
            this.gatewayPaymentId = id;
        }
    }

    /** A new state (not a settlement), with what the payer must do next and the last failure. */
    void move(PaymentStatus to, NextAction next, String failureCode, String failureMessage, Instant eventAt, Instant now) {
        this.state = to.name();
        if (next != null) {
            this.nextKind = next.kind().name();
            this.nextUrl = next.url() == null ? null : cut(next.url().toString(), 2000);
            this.nextCode = cut(next.code(), 2000);
            this.nextExpiresAt = next.expiresAt();
        } else if (to != PaymentStatus.REQUIRES_ACTION) {
            this.nextKind = null;
            this.nextUrl = null;
            this.nextCode = null;
            this.nextExpiresAt = null;
        }
        this.failureCode = cut(failureCode, 100);
        this.failureMessage = cut(failureMessage, 500);
        touch(eventAt, now);
    }

    /** Money arrived: SUCCEEDED, or OVERPAID when {@code excess} is positive. */
    void settle(Money received, Money excess, Instant paidAt, Instant now) {
        this.state = (excess.isPositive() ? PaymentStatus.OVERPAID : PaymentStatus.SUCCEEDED).name();
        this.amountReceived = received.amount();
        this.excess = excess.isPositive() ? excess.amount() : null;
        this.paidAt = paidAt;
        this.nextKind = null;
        this.nextUrl = null;
        this.nextCode = null;
        this.nextExpiresAt = null;
        this.failureCode = null;
        this.failureMessage = null;
        touch(paidAt, now);
    }

    private void touch(Instant eventAt, Instant now) {
        if (eventAt != null && (lastEventAt == null || eventAt.isAfter(lastEventAt))) {
            this.lastEventAt = eventAt;
        }
        this.updatedAt = now;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
