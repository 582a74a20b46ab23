package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Address;
import io.clientele.customer.api.Complementary;
import io.clientele.customer.api.Customer;
import io.clientele.customer.api.PersonType;
import io.clientele.platform.jpa.TenantOwned;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * A customer as stored ({@code customer}); Liquibase owns the table ({@code db/clientele-customer.xml}). Besides the
 * API's fields it keeps what the registry searches and sorts by: the lower-case name, company, e-mail and city, the
 * document's digits and the folded search words ({@link CustomerSearch}), all derived from the fields in
 * {@link #change}. Its followers live in {@code customer_follower}, its search words in {@code customer_search_term}
 * (set-based rows written by {@link CustomerStore} in the same transaction).
 */
@Entity(name = "Customer")
@Table(name = "customer")
public class CustomerRecord extends TenantOwned {

    @Column(name = "name", length = 200, nullable = false)
    private String name;
    @Column(name = "name_lower", length = 200, nullable = false)
    private String nameLower;
    @Column(name = "company_name", length = 200)
    private String companyName;
    @Column(name = "company_name_lower", length = 200)
    private String companyNameLower;
    @Enumerated(EnumType.STRING)
    @Column(name = "person_type", length = 16, nullable = false)
    private PersonType personType;
    @Column(name = "document_number", length = 40)
    private String documentNumber;
    @Column(name = "document_digits", length = 40)
    private String documentDigits;
    @Column(name = "email", length = 254)
    private String email;
    @Column(name = "email_lower", length = 254)
    private String emailLower;
    @Column(name = "phone", length = 40)
    private String phone;
    @Column(name = "website", length = 300)
    private String website;
    @Column(name = "segment_id", length = 36)
    private String segmentId;
    @Column(name = "status_id", length = 36)
    private String statusId;
    @Column(name = "attraction_channel_id", length = 36)
    private String attractionChannelId;
    @Column(name = "sector_id", length = 36)
    private String sectorId;
    @Column(name = "responsible_manager_id", length = 36)
    private String responsibleManagerId;
    @Column(name = "service_manager_id", length = 36)
    private String serviceManagerId;
    @Column(name = "assistant_id", length = 36)
    private String assistantId;
    @Column(name = "group_id", length = 36)
    private String groupId;
    @Column(name = "project_template_id", length = 36)
    private String projectTemplateId;
    @Column(name = "restricted", nullable = false)
    private boolean restricted;
    @Column(name = "supplier", nullable = false)
    private boolean supplier;
    @Column(name = "receive_promotional_emails", nullable = false)
    private boolean receivePromotionalEmails;
    @Column(name = "publish_digital_media", nullable = false)
    private boolean publishDigitalMedia;
    @Column(name = "portal_access", nullable = false)
    private boolean portalAccess;
    @Column(name = "postal_code", length = 20)
    private String postalCode;
    @Column(name = "street", length = 200)
    private String street;
    @Column(name = "address_number", length = 20)
    private String addressNumber;
    @Column(name = "complement", length = 100)
    private String complement;
    @Column(name = "district", length = 100)
    private String district;
    @Column(name = "city", length = 100)
    private String city;
    @Column(name = "city_lower", length = 100)
    private String cityLower;
    @Column(name = "state", length = 60)
    private String state;
    @Column(name = "country", length = 2)
    private String country;
    @Column(name = "bank_name", length = 100)
    private String bankName;
    @Column(name = "bank_branch", length = 20)
    private String bankBranch;
    @Column(name = "bank_account", length = 40)
    private String bankAccount;
    @Column(name = "discount_percent", precision = 5, scale = 2)
    private BigDecimal discountPercent;
    @Column(name = "billing_type_id", length = 36)
    private String billingTypeId;
    @Column(name = "payment_condition_id", length = 36)
    private String paymentConditionId;
    @Column(name = "payment_day")
    private Integer paymentDay;
    @Column(name = "product_service_ids", length = 4000)
    private String productServiceIds;
    @Column(name = "invoice_type_ids", length = 4000)
    private String invoiceTypeIds;
    @Lob
    @Column(name = "profile", length = Integer.MAX_VALUE)
    private String profile;
    @Column(name = "search_text", length = 2000)
    private String searchText;
    @Column(name = "archived", nullable = false)
    private boolean archived;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CustomerRecord() {
    }

    /** A new customer with {@code fields} (normalized and validated), created at {@code now}. */
    CustomerRecord(String id, Customer fields, Instant now) {
        super(id);
        this.createdAt = now;
        change(fields, now);
    }

    /** Takes every field the API may change from {@code c} (normalized and validated), and what is derived from them. */
    void change(Customer c, Instant now) {
        name = c.name() == null ? "" : c.name();
        nameLower = name.toLowerCase(Locale.ROOT);
        companyName = c.companyName();
        companyNameLower = lower(companyName);
        personType = c.personType();
        documentNumber = c.documentNumber();
        documentDigits = documentNumber == null ? null : BrazilianTaxIds.digits(documentNumber);
        email = c.email();
        emailLower = lower(email);
        phone = c.phone();
        website = c.website();
        segmentId = c.segmentId();
        statusId = c.statusId();
        attractionChannelId = c.attractionChannelId();
        sectorId = c.sectorId();
        responsibleManagerId = c.responsibleManagerId();
        serviceManagerId = c.serviceManagerId();
        assistantId = c.assistantId();
        groupId = c.groupId();
        projectTemplateId = c.projectTemplateId();
        restricted = c.restricted();
        supplier = c.supplier();
        receivePromotionalEmails = c.receivePromotionalEmails();
        publishDigitalMedia = c.publishDigitalMedia();
        portalAccess = c.portalAccess();
        Address a = c.address();
        postalCode = a.postalCode();
        street = a.street();
        addressNumber = a.number();
        complement = a.complement();
        district = a.district();
        city = a.city();
        cityLower = lower(city);
        state = a.state();
        country = a.country();
        Complementary m = c.complementary();
        bankName = m.bankName();
        bankBranch = m.bankBranch();
        bankAccount = m.bankAccount();
        // as the DECIMAL(5,2) column keeps it, so the answer to a write is what a read gives (validated: two decimals at most)
        discountPercent = m.discountPercent() == null ? null : m.discountPercent().setScale(2, RoundingMode.HALF_UP);
        billingTypeId = m.billingType();
        paymentConditionId = m.paymentCondition();
        paymentDay = m.paymentDay();
        productServiceIds = String.join(",", m.productsAndServiceIds());
        invoiceTypeIds = String.join(",", c.invoiceTypeIds());
        profile = c.profile();
        searchText = CustomerSearch.searchText(CustomerStore.wordsOf(c));
        updatedAt = now;
    }

    void archive(Instant now) {
        archived = true;
        updatedAt = now;
    }

    boolean archived() {
        return archived;
    }

    /** The customer as the API shows it, with {@code followerIds} (stored apart, in {@code customer_follower}). */
    Customer toApi(List<String> followerIds) {
        return new Customer(id(), name, companyName, personType, documentNumber, email, phone, website, segmentId, statusId,
                attractionChannelId, sectorId, responsibleManagerId, serviceManagerId, assistantId, followerIds, groupId,
                projectTemplateId, restricted, supplier, receivePromotionalEmails, publishDigitalMedia, portalAccess,
                new Address(postalCode, street, addressNumber, complement, district, city, state, country),
                new Complementary(bankName, bankBranch, bankAccount, discountPercent, billingTypeId, paymentConditionId, paymentDay,
                        split(productServiceIds)),
                split(invoiceTypeIds), profile, version(), createdAt, updatedAt, archived);
    }

    /**
     * This record's columns by name, without {@code id}, {@code agency_id} and {@code version}: for the import's
     * set-based batch insert, which writes the same row as {@code persist} without building entities
     * ({@link CustomerImporter}).
     */
    Map<String, Object> columns() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("name_lower", nameLower);
        row.put("company_name", companyName);
        row.put("company_name_lower", companyNameLower);
        row.put("person_type", personType);
        row.put("document_number", documentNumber);
        row.put("document_digits", documentDigits);
        row.put("email", email);
        row.put("email_lower", emailLower);
        row.put("phone", phone);
        row.put("website", website);
        row.put("segment_id", segmentId);
        row.put("status_id", statusId);
        row.put("attraction_channel_id", attractionChannelId);
        row.put("sector_id", sectorId);
        row.put("responsible_manager_id", responsibleManagerId);
        row.put("service_manager_id", serviceManagerId);
        row.put("assistant_id", assistantId);
        row.put("group_id", groupId);
        row.put("project_template_id", projectTemplateId);
        row.put("restricted", restricted);
        row.put("supplier", supplier);
        row.put("receive_promotional_emails", receivePromotionalEmails);
        row.put("publish_digital_media", publishDigitalMedia);
        row.put("portal_access", portalAccess);
        row.put("postal_code", postalCode);
        row.put("street", street);
        row.put("address_number", addressNumber);
        row.put("complement", complement);
        row.put("district", district);
        row.put("city", city);
        row.put("city_lower", cityLower);
        row.put("state", state);
        row.put("country", country);
        row.put("bank_name", bankName);
        row.put("bank_branch", bankBranch);
        row.put("bank_account", bankAccount);
        row.put("discount_percent", discountPercent);
        row.put("billing_type_id", billingTypeId);
        row.put("payment_condition_id", paymentConditionId);
        row.put("payment_day", paymentDay);
        row.put("product_service_ids", productServiceIds);
        row.put("invoice_type_ids", invoiceTypeIds);
        row.put("profile", profile);
        row.put("search_text", searchText);
        row.put("archived", archived);
        row.put("created_at", createdAt);
        row.put("updated_at", updatedAt);
        return row;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }
}
