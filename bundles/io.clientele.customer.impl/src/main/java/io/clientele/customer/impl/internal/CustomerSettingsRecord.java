package io.clientele.customer.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.util.Arrays;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** An agency's customer-registry settings ({@code customer_settings}, one row per agency at most, made on the first change). */
@Entity(name = "CustomerSettings")
@Table(name = "customer_settings")
public class CustomerSettingsRecord extends TenantOwned {

    /** The required customer fields, comma-separated. */
    @Column(name = "required_fields", length = 1000, nullable = false)
    private String requiredFields;

    protected CustomerSettingsRecord() {
    }

    CustomerSettingsRecord(String id, String requiredFields) {
        super(id);
        this.requiredFields = requiredFields;
    }

    List<String> requiredFields() {
        return Arrays.stream(requiredFields.split(",")).filter(s -> !s.isBlank()).toList();
    }

    void requiredFields(String csv) {
        this.requiredFields = csv;
    }
}
