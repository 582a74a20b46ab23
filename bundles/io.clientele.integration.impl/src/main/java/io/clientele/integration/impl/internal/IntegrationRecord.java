package io.clientele.integration.impl.internal;

import io.clientele.integration.api.IntegrationStatus;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * An integration as stored ({@code integration_integration}); Liquibase owns the table ({@code db/clientele-integration.xml}).
 * {@code settings} is the JSON object of the plain settings; {@code secrets} the JSON object of the secret ones, each
 * value encrypted ({@link SecretCipher}), never in clear.
 */
@Entity(name = "Integration")
@Table(name = "integration_integration")
public class IntegrationRecord extends TenantOwned implements CreationOrder {

    /** The longest last-error message kept (the column's size). */
    static final int MAX_ERROR = 500;

    @Column(name = "provider_id", length = 40, nullable = false, updatable = false)
    private String providerId;

    @Column(name = "customer_id", length = 36, updatable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private IntegrationStatus status;

    @Lob
    @Column(name = "settings", length = Integer.MAX_VALUE, nullable = false)
    private String settings;

    @Lob
    @Column(name = "secrets", length = Integer.MAX_VALUE, nullable = false)
    private String secrets;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "last_error_at")
    private Instant lastErrorAt;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    /** Set by the delivery worker when the provider's service answered 429 or 503 with a Retry-After. */
    @Column(name = "paused_until")
    private Instant pausedUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected IntegrationRecord() {
    }

    IntegrationRecord(String id, String providerId, String customerId, String settings, String secrets, Instant now) {
        super(id);
        this.providerId = providerId;
        this.customerId = customerId;
        this.status = IntegrationStatus.ACTIVE;
        this.settings = settings;
        this.secrets = secrets;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void settings(String settings, String secrets, Instant now) {
        this.settings = settings;
        this.secrets = secrets;
        this.updatedAt = now;
    }

    void status(IntegrationStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    /** A call succeeded: the last error is cleared. */
    void succeeded(Instant now) {
        this.lastSuccessAt = now;
        this.lastErrorAt = null;
        this.lastError = null;
        this.updatedAt = now;
    }

    /** A call failed with {@code message} (cut to the column's size). */
    void failed(String message, Instant now) {
        this.lastErrorAt = now;
        this.lastError = message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR - 1) + "…" : message;
        this.updatedAt = now;
    }

    String providerId() {
        return providerId;
    }

    String customerId() {
        return customerId;
    }

    IntegrationStatus status() {
        return status;
    }

    String settingsJson() {
        return settings;
    }

    String secretsJson() {
        return secrets;
    }

    Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    String lastError() {
        return lastError;
    }

    Instant pausedUntil() {
        return pausedUntil;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }
}
