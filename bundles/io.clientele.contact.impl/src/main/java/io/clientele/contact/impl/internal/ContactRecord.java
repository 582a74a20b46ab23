package io.clientele.contact.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.api.PortalStatus;
import io.clientele.platform.jpa.CreationOrder;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import java.util.Locale;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Table;

/**
 * A contact as stored ({@code contact}); Liquibase owns the table ({@code db/clientele-contact.xml}). Its portal
 * password hash never leaves the bundle: {@link #toApi()} leaves it out.
 */
@Entity(name = "Contact")
@Table(name = "contact")
public class ContactRecord extends TenantOwned implements CreationOrder {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Column(name = "email", length = 254)
    private String email;

    /** The e-mail in lower case: the portal login and the index {@code ix_contact_email} look it up. */
    @Column(name = "email_lower", length = 254)
    private String emailLower;

    @Column(name = "phone", length = 40)
    private String phone;

    @Column(name = "position", length = 100)
    private String position;

    @Column(name = "is_primary", nullable = false)
    private boolean primaryContact;

    @Column(name = "notes", length = 4000)
    private String notes;

    @Column(name = "can_open_jobs_for_group", nullable = false)
    private boolean canOpenJobsForGroup;

    @Enumerated(EnumType.STRING)
    @Column(name = "portal_status", length = 16, nullable = false)
    private PortalStatus portalStatus;

    @Column(name = "portal_password_hash", length = 200)
    private String portalPasswordHash;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    /** Written by {@link ContactStore#recordLogin} with a plain UPDATE (a login leaves the version alone); read here. */
    @Column(name = "portal_last_login_at", insertable = false, updatable = false)
    private Instant portalLastLoginAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ContactRecord() {
    }

    /** A new contact of {@code customerId} without portal access, from already normalized and validated fields. */
    ContactRecord(String id, String customerId, Contact fields, Instant now) {
        super(id);
        this.customerId = customerId;
        this.portalStatus = PortalStatus.NONE;
        this.createdAt = now;
        change(fields, now);
    }

    /** Takes the contact's own fields (not its customer, portal access, version or timestamps) from {@code fields}. */
    void change(Contact fields, Instant now) {
        this.name = fields.name();
        this.email = fields.email();
        this.emailLower = fields.email() == null ? null : fields.email().toLowerCase(Locale.ROOT);
        this.phone = fields.phone();
        this.position = fields.position();
        this.primaryContact = Boolean.TRUE.equals(fields.primary());
        this.notes = fields.notes();
        this.canOpenJobsForGroup = Boolean.TRUE.equals(fields.canOpenJobsForGroup());
        this.updatedAt = now;
    }

    /** Another contact became the customer's primary one. */
    void notPrimary(Instant now) {
        this.primaryContact = false;
        this.updatedAt = now;
    }

    /** Sets the portal status and, when {@code passwordHash} is not null, the portal password. */
    void portalAccess(PortalStatus status, String passwordHash, Instant now) {
        this.portalStatus = status;
        if (passwordHash != null) {
            this.portalPasswordHash = passwordHash;
        }
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deleted = true;
        this.updatedAt = now;
    }

    String customerId() {
        return customerId;
    }

    boolean deleted() {
        return deleted;
    }

    Instant portalLastLoginAt() {
        return portalLastLoginAt;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    String portalPasswordHash() {
        return portalPasswordHash;
    }

    Contact toApi() {
        return new Contact(id(), customerId, name, email, phone, position, primaryContact, notes, canOpenJobsForGroup, portalStatus,
                version(), createdAt, updatedAt);
    }
}
