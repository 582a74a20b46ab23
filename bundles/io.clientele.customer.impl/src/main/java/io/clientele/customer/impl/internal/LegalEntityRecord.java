package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.LegalEntity;
import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A customer's legal entity as stored ({@code customer_legal_entity}); Liquibase owns the table
 * ({@code db/clientele-customer.xml}). Deleting only marks the row: other modules' invoices may name it.
 */
@Entity(name = "LegalEntity")
@Table(name = "customer_legal_entity")
public class LegalEntityRecord extends TenantOwned {

    @Column(name = "customer_id", length = 36, nullable = false, updatable = false)
    private String customerId;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Column(name = "tax_id", length = 40)
    private String taxId;

    /** The tax id's digits only, for looking it up whatever its punctuation. */
    @Column(name = "tax_id_digits", length = 40)
    private String taxIdDigits;

    @Column(name = "postal_code", length = 20)
    private String postalCode;

    @Column(name = "street", length = 200)
    private String street;

    @Column(name = "address_number", length = 20)
    private String number;

    @Column(name = "complement", length = 100)
    private String complement;

    @Column(name = "district", length = 100)
    private String district;

    @Column(name = "city", length = 100)
    private String city;

    @Column(name = "state", length = 60)
    private String state;

    @Column(name = "country", length = 2)
    private String country;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LegalEntityRecord() {
    }

    /** A new legal entity of {@code customerId} with the (normalized, validated) fields of {@code fields}. */
    LegalEntityRecord(String id, String customerId, LegalEntity fields, Instant now) {
        super(id);
        this.customerId = customerId;
        this.createdAt = now;
        change(fields, now);
    }

    void change(LegalEntity fields, Instant now) {
        this.name = fields.name();
        this.taxId = fields.taxId();
        this.taxIdDigits = fields.taxId() == null ? null : BrazilianTaxIds.digits(fields.taxId());
        Address a = fields.address();
        this.postalCode = a.postalCode();
        this.street = a.street();
        this.number = a.number();
        this.complement = a.complement();
        this.district = a.district();
        this.city = a.city();
        this.state = a.state();
        this.country = a.country();
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

    LegalEntity toApi() {
        return new LegalEntity(id(), customerId, name, taxId,
                new Address(postalCode, street, number, complement, district, city, state, country), version(), createdAt, updatedAt);
    }
}
