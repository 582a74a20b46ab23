package io.clientele.portal.impl.internal;

import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.SavedMethod;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import java.time.YearMonth;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A contact's autopay ({@code portal_autopay}, id = the contact's id): the switch, the card saved at the gateway (only
 * its gateway ids, brand, last four digits and expiry — never a card number) and the last automatic charge's outcome.
 */
@Entity(name = "PortalAutopay")
@Table(name = "portal_autopay")
public class AutopayRecord extends TenantOwned {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "gateway_id", length = 40)
    private String gatewayId;

    @Column(name = "gateway_customer_id", length = 255)
    private String gatewayCustomerId;

    @Column(name = "method_id", length = 255)
    private String methodId;

    @Column(name = "brand", length = 40)
    private String brand;

    @Column(name = "last4", length = 4)
    private String last4;

    @Column(name = "expiry", length = 7)
    private String expiry;

    @Column(name = "setup_reference", length = 36)
    private String setupReference;

    @Column(name = "enabled_at")
    private Instant enabledAt;

    @Column(name = "last_charge_state", length = 20)
    private String lastChargeState;

    @Column(name = "last_charge_message", length = 500)
    private String lastChargeMessage;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AutopayRecord() {
    }

    AutopayRecord(String contactId, String customerId, Instant now) {
        super(contactId);
        this.customerId = customerId;
        this.updatedAt = now;
    }

    String contactId() {
        return id();
    }

    String customerId() {
        return customerId;
    }

    boolean enabled() {
        return enabled;
    }

    String gatewayId() {
        return gatewayId;
    }

    String gatewayCustomerId() {
        return gatewayCustomerId;
    }

    String setupReference() {
        return setupReference;
    }

    String lastChargeState() {
        return lastChargeState;
    }

    String lastChargeMessage() {
        return lastChargeMessage;
    }

    /** The saved card, or null. */
    SavedMethod method() {
        if (methodId == null) {
            return null;
        }
        return new SavedMethod(methodId, gatewayCustomerId, PaymentMethodType.CARD, brand, last4, expiry == null ? null : YearMonth.parse(expiry));
    }

    void setupStarted(String gatewayId, String reference, String gatewayCustomerId, Instant now) {
        this.gatewayId = gatewayId;
        this.setupReference = reference;
        if (gatewayCustomerId != null) {
            this.gatewayCustomerId = gatewayCustomerId;
        }
        this.updatedAt = now;
    }

    void saved(String gatewayId, SavedMethod method, Instant now) {
        this.gatewayId = gatewayId;
        this.methodId = method.gatewayMethodId();
        if (method.gatewayCustomerId() != null) {
            this.gatewayCustomerId = method.gatewayCustomerId();
        }
        this.brand = PaymentRecord.cut(method.brand(), 40);
        this.last4 = PaymentRecord.cut(method.last4(), 4);
        this.expiry = method.expiry() == null ? null : method.expiry().toString();
        this.setupReference = null;
        this.updatedAt = now;
    }

    void enable(Instant now) {
        if (!enabled) {
            this.enabledAt = now;
        }
        this.enabled = true;
        this.updatedAt = now;
    }

    /** Off, and the saved card forgotten (its gateway id, brand, digits and expiry). */
    void disable(Instant now) {
        this.enabled = false;
        this.enabledAt = null;
        this.methodId = null;
        this.brand = null;
        this.last4 = null;
        this.expiry = null;
        this.setupReference = null;
        this.updatedAt = now;
    }

    void lastCharge(String state, String message, Instant now) {
        this.lastChargeState = state;
        this.lastChargeMessage = PaymentRecord.cut(message, 500);
        this.updatedAt = now;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant enabledAt() {
        return enabledAt;
    }
}
