package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.customer.api.LookupKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A column of the customer spreadsheet (export, template and import). {@code key} is the customer field as the
 * API names it (what {@code columns=} takes); {@code header} is what a person reads in the file. Lookup columns
 * hold the entry's name and user columns the user's e-mail (an id is accepted on import too); list columns
 * separate their values with {@code ;}.
 */
public enum ExchangeColumn {
    ID("id", "Id", Type.READ_ONLY, null, Customer::id),
    NAME("name", "Name", Type.TEXT, null, Customer::name),
    COMPANY_NAME("companyName", "Company name", Type.TEXT, null, Customer::companyName),
    PERSON_TYPE("personType", "Person type", Type.PERSON_TYPE, null, Customer::personType),
    DOCUMENT_NUMBER("documentNumber", "Document number", Type.TEXT, null, Customer::documentNumber),
    EMAIL("email", "E-mail", Type.TEXT, null, Customer::email),
    PHONE("phone", "Phone", Type.TEXT, null, Customer::phone),
    WEBSITE("website", "Website", Type.TEXT, null, Customer::website),
    SEGMENT("segmentId", "Segment", Type.LOOKUP, LookupKind.SEGMENT, Customer::segmentId),
    STATUS("statusId", "Status", Type.LOOKUP, LookupKind.STATUS, Customer::statusId),
    ATTRACTION_CHANNEL("attractionChannelId", "Attraction channel", Type.LOOKUP, LookupKind.ATTRACTION_CHANNEL, Customer::attractionChannelId),
    SECTOR("sectorId", "Sector", Type.LOOKUP, LookupKind.SECTOR, Customer::sectorId),
    RESPONSIBLE_MANAGER("responsibleManagerId", "Responsible manager", Type.USER, null, Customer::responsibleManagerId),
    SERVICE_MANAGER("serviceManagerId", "Service manager", Type.USER, null, Customer::serviceManagerId),
    ASSISTANT("assistantId", "Assistant", Type.USER, null, Customer::assistantId),
    FOLLOWERS("followerIds", "Followers", Type.USER_LIST, null, Customer::followerIds),
    GROUP("groupId", "Group (customer id)", Type.TEXT, null, Customer::groupId),
    PROJECT_TEMPLATE("projectTemplateId", "Project template", Type.TEXT, null, Customer::projectTemplateId),
    RESTRICTED("restricted", "Restricted", Type.BOOLEAN, null, Customer::restricted),
    SUPPLIER("supplier", "Supplier", Type.BOOLEAN, null, Customer::supplier),
    PROMOTIONAL_EMAILS("receivePromotionalEmails", "Receives promotional e-mails", Type.BOOLEAN, null, Customer::receivePromotionalEmails),
    DIGITAL_MEDIA("publishDigitalMedia", "Publishes digital media", Type.BOOLEAN, null, Customer::publishDigitalMedia),
    PORTAL_ACCESS("portalAccess", "Portal access", Type.BOOLEAN, null, Customer::portalAccess),
    POSTAL_CODE("address.postalCode", "Postal code", Type.TEXT, null, c -> c.address().postalCode()),
    STREET("address.street", "Street", Type.TEXT, null, c -> c.address().street()),
    NUMBER("address.number", "Number", Type.TEXT, null, c -> c.address().number()),
    COMPLEMENT("address.complement", "Complement", Type.TEXT, null, c -> c.address().complement()),
    DISTRICT("address.district", "District", Type.TEXT, null, c -> c.address().district()),
    CITY("address.city", "City", Type.TEXT, null, c -> c.address().city()),
    STATE("address.state", "State", Type.TEXT, null, c -> c.address().state()),
    COUNTRY("address.country", "Country", Type.TEXT, null, c -> c.address().country()),
    BANK_NAME("complementary.bankName", "Bank", Type.TEXT, null, c -> c.complementary().bankName()),
    BANK_BRANCH("complementary.bankBranch", "Bank branch", Type.TEXT, null, c -> c.complementary().bankBranch()),
    BANK_ACCOUNT("complementary.bankAccount", "Bank account", Type.TEXT, null, c -> c.complementary().bankAccount()),
    DISCOUNT("complementary.discountPercent", "Discount %", Type.DECIMAL, null, c -> c.complementary().discountPercent()),
    BILLING_TYPE("complementary.billingType", "Billing type", Type.LOOKUP, LookupKind.BILLING_TYPE, c -> c.complementary().billingType()),
    PAYMENT_CONDITION("complementary.paymentCondition", "Payment condition", Type.LOOKUP, LookupKind.PAYMENT_CONDITION,
            c -> c.complementary().paymentCondition()),
    PAYMENT_DAY("complementary.paymentDay", "Payment day", Type.INTEGER, null, c -> c.complementary().paymentDay()),
    PRODUCTS_SERVICES("complementary.productsAndServiceIds", "Products and services", Type.LOOKUP_LIST, LookupKind.PRODUCT_SERVICE,
            c -> c.complementary().productsAndServiceIds()),
    INVOICE_TYPES("invoiceTypeIds", "Invoice types", Type.LOOKUP_LIST, LookupKind.INVOICE_TYPE, Customer::invoiceTypeIds),
    PROFILE("profile", "Profile", Type.TEXT, null, Customer::profile),
    CREATED_AT("createdAt", "Created at", Type.READ_ONLY, null, Customer::createdAt),
    UPDATED_AT("updatedAt", "Updated at", Type.READ_ONLY, null, Customer::updatedAt),
    ARCHIVED("archived", "Archived", Type.READ_ONLY, null, Customer::archived);

    /** How a column's cell is read and written. */
    public enum Type { TEXT, BOOLEAN, PERSON_TYPE, DECIMAL, INTEGER, LOOKUP, LOOKUP_LIST, USER, USER_LIST, READ_ONLY }

    /** What an export has when {@code columns} is not given. */
    public static final List<ExchangeColumn> DEFAULT_EXPORT = List.of(NAME, COMPANY_NAME, PERSON_TYPE, DOCUMENT_NUMBER, EMAIL, PHONE,
            SEGMENT, STATUS, SECTOR, RESPONSIBLE_MANAGER, SERVICE_MANAGER, CITY, STATE, COUNTRY, RESTRICTED, SUPPLIER, UPDATED_AT);

    private static final Map<String, ExchangeColumn> BY_NAME = new LinkedHashMap<>();

    static {
        for (ExchangeColumn c : values()) {
            BY_NAME.put(c.key.toLowerCase(Locale.ROOT), c);
            BY_NAME.put(c.header.toLowerCase(Locale.ROOT), c);
        }
    }

    private final String key;
    private final String header;
    private final Type type;
    private final LookupKind lookup;
    private final Function<Customer, Object> getter;

    @SuppressWarnings("unchecked")
    ExchangeColumn(String key, String header, Type type, LookupKind lookup, Function<Customer, ?> getter) {
        this.key = key;
        this.header = header;
        this.type = type;
        this.lookup = lookup;
        this.getter = (Function<Customer, Object>) getter;
    }

    public String key() {
        return key;
    }

    public String header() {
        return header;
    }

    public Type type() {
        return type;
    }

    public LookupKind lookup() {
        return lookup;
    }

    public Object valueOf(Customer c) {
        return getter.apply(c);
    }

    public boolean importable() {
        return type != Type.READ_ONLY;
    }

    /** Every column a file may carry on import, in template order. */
    public static List<ExchangeColumn> importableColumns() {
        return Arrays.stream(values()).filter(ExchangeColumn::importable).toList();
    }

    /** A column by its key or its header, case-insensitively ({@code segmentId}, {@code Segment}). */
    public static Optional<ExchangeColumn> named(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The column a validation error's field belongs to ({@code invoiceTypeIds[2]} → Invoice types). */
    public static String headerForField(String field) {
        if (field == null) {
            return null;
        }
        String bare = field.replaceAll("\\[\\d+]$", "");
        if ("address".equals(bare)) {
            return "Address";
        }
        return named(bare).map(ExchangeColumn::header).orElse(field);
    }

    /** Parses {@code columns=a,b,c}; an empty or missing value means the default set. Unknown names are returned in {@code unknown}. */
    public static List<ExchangeColumn> parseList(String columns, List<String> unknown) {
        if (columns == null || columns.isBlank()) {
            return DEFAULT_EXPORT;
        }
        List<ExchangeColumn> out = new ArrayList<>();
        for (String part : columns.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<ExchangeColumn> c = named(part);
            if (c.isEmpty()) {
                unknown.add(part.trim());
            } else if (!out.contains(c.get())) {
                out.add(c.get());
            }
        }
        return out.isEmpty() && unknown.isEmpty() ? DEFAULT_EXPORT : out;
    }
}
