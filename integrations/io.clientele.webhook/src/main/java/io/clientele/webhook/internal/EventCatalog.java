package io.clientele.webhook.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook event types agencies subscribe to, each the public name ({@code customer.created}, Standard Webhooks'
 * {@code type}) of one domain event topic.
 *
 * <p>The topic strings are copies of the constants of the modules' {@code *Events} classes, not references to them: this
 * bundle imports only the integration SPI and the platform API, so that it installs whether or not those modules do.
 * Nothing can check the copies across bundles at build time, so when a module's topic changes, change it here too.
 * Sources: {@code io.clientele.customer.api.CustomerEvents}, {@code io.clientele.contact.api.ContactEvents},
 * {@code io.clientele.budget.api.BudgetEvents}, {@code io.clientele.monthlyfee.api.MonthlyFeeEvents},
 * {@code io.clientele.ijob.api.IJobEvents}. An event of a module that is not installed simply never happens.
 *
 * <p>Each delivery's {@code data} is the event's properties: {@code agencyId}, {@code actorId}, {@code at} and the ids
 * the source class documents for its topic (thin payloads: receivers fetch what they need through the API).
 */
final class EventCatalog {

    // io.clientele.customer.api.CustomerEvents
    static final String CUSTOMER_CREATED = "clientele/customer/customer/CREATED";
    static final String CUSTOMER_UPDATED = "clientele/customer/customer/UPDATED";
    static final String CUSTOMER_ARCHIVED = "clientele/customer/customer/ARCHIVED";
    static final String CUSTOMERS_IMPORTED = "clientele/customer/customer/IMPORTED";
    static final String LEGAL_ENTITY_CREATED = "clientele/customer/legal-entity/CREATED";
    static final String LEGAL_ENTITY_UPDATED = "clientele/customer/legal-entity/UPDATED";
    static final String LEGAL_ENTITY_DELETED = "clientele/customer/legal-entity/DELETED";
    static final String COMMENT_CREATED = "clientele/customer/comment/CREATED";
    static final String ATTACHMENT_CREATED = "clientele/customer/attachment/CREATED";
    // io.clientele.contact.api.ContactEvents
    static final String CONTACT_CREATED = "clientele/contact/contact/CREATED";
    static final String CONTACT_UPDATED = "clientele/contact/contact/UPDATED";
    static final String CONTACT_DELETED = "clientele/contact/contact/DELETED";
    // io.clientele.budget.api.BudgetEvents
    static final String BUDGET_CREATED = "clientele/budget/budget/CREATED";
    static final String BUDGET_UPDATED = "clientele/budget/budget/UPDATED";
    static final String BUDGET_DELETED = "clientele/budget/budget/DELETED";
    static final String BUDGET_ENTRY_CREATED = "clientele/budget/entry/CREATED";
    // io.clientele.monthlyfee.api.MonthlyFeeEvents
    static final String FEE_CREATED = "clientele/monthly-fee/fee/CREATED";
    static final String FEE_UPDATED = "clientele/monthly-fee/fee/UPDATED";
    static final String FEE_CANCELLED = "clientele/monthly-fee/fee/CANCELLED";
    static final String FEE_ENTRY_APPROVED = "clientele/monthly-fee/entry/APPROVED";
    static final String FEE_ENTRY_UNAPPROVED = "clientele/monthly-fee/entry/UNAPPROVED";
    static final String INVOICE_ISSUED = "clientele/monthly-fee/invoice/ISSUED";
    static final String INVOICE_PAYMENT_RECORDED = "clientele/monthly-fee/invoice/PAYMENT_RECORDED";
    static final String INVOICE_PAID = "clientele/monthly-fee/invoice/PAID";
    static final String INVOICE_CANCELLED = "clientele/monthly-fee/invoice/CANCELLED";
    static final String ESTIMATE_CREATED = "clientele/monthly-fee/estimate/CREATED";
    static final String ESTIMATE_SENT = "clientele/monthly-fee/estimate/SENT";
    static final String ESTIMATE_ACCEPTED = "clientele/monthly-fee/estimate/ACCEPTED";
    static final String ESTIMATE_DECLINED = "clientele/monthly-fee/estimate/DECLINED";
    // io.clientele.ijob.api.IJobEvents
    static final String JOB_CREATED = "clientele/ijob/job/CREATED";
    static final String JOB_UPDATED = "clientele/ijob/job/UPDATED";
    static final String PIECE_CREATED = "clientele/ijob/piece/CREATED";
    /** A piece may now await the customer: its {@code status} says {@code AWAITING_CUSTOMER} then. */
    static final String PIECE_STEP_COMPLETED = "clientele/ijob/piece/STEP_COMPLETED";
    static final String PIECE_STEP_REASSIGNED = "clientele/ijob/piece/STEP_REASSIGNED";
    static final String PIECE_APPROVED = "clientele/ijob/piece/APPROVED";
    static final String PIECE_CHANGES_REQUESTED = "clientele/ijob/piece/CHANGES_REQUESTED";
    /** Staff uploaded a new version of the file the customer reviews (ijob API 1.3.0). */
    static final String PIECE_FILE_UPLOADED = "clientele/ijob/piece/FILE_UPLOADED";

    /** The type of the test event {@code testConnection} sends; not subscribable. */
    static final String TEST_TYPE = "webhook.test";

    private static final Map<String, String> TOPIC_BY_TYPE;
    private static final Map<String, String> TYPE_BY_TOPIC;

    static {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("customer.created", CUSTOMER_CREATED);
        types.put("customer.updated", CUSTOMER_UPDATED);
        types.put("customer.archived", CUSTOMER_ARCHIVED);
        types.put("customer.imported", CUSTOMERS_IMPORTED);
        types.put("legal_entity.created", LEGAL_ENTITY_CREATED);
        types.put("legal_entity.updated", LEGAL_ENTITY_UPDATED);
        types.put("legal_entity.deleted", LEGAL_ENTITY_DELETED);
        types.put("comment.created", COMMENT_CREATED);
        types.put("attachment.created", ATTACHMENT_CREATED);
        types.put("contact.created", CONTACT_CREATED);
        types.put("contact.updated", CONTACT_UPDATED);
        types.put("contact.deleted", CONTACT_DELETED);
        types.put("budget.created", BUDGET_CREATED);
        types.put("budget.updated", BUDGET_UPDATED);
        types.put("budget.deleted", BUDGET_DELETED);
        types.put("budget_entry.created", BUDGET_ENTRY_CREATED);
        types.put("monthly_fee.created", FEE_CREATED);
        types.put("monthly_fee.updated", FEE_UPDATED);
        types.put("monthly_fee.cancelled", FEE_CANCELLED);
        types.put("monthly_fee_entry.approved", FEE_ENTRY_APPROVED);
        types.put("monthly_fee_entry.unapproved", FEE_ENTRY_UNAPPROVED);
        types.put("invoice.issued", INVOICE_ISSUED);
        types.put("invoice.payment_recorded", INVOICE_PAYMENT_RECORDED);
        types.put("invoice.paid", INVOICE_PAID);
        types.put("invoice.cancelled", INVOICE_CANCELLED);
        types.put("estimate.created", ESTIMATE_CREATED);
        types.put("estimate.sent", ESTIMATE_SENT);
        types.put("estimate.accepted", ESTIMATE_ACCEPTED);
        types.put("estimate.declined", ESTIMATE_DECLINED);
        types.put("job.created", JOB_CREATED);
        types.put("job.updated", JOB_UPDATED);
        types.put("piece.created", PIECE_CREATED);
        types.put("piece.step_completed", PIECE_STEP_COMPLETED);
        types.put("piece.step_reassigned", PIECE_STEP_REASSIGNED);
        types.put("piece.approved", PIECE_APPROVED);
        types.put("piece.changes_requested", PIECE_CHANGES_REQUESTED);
        types.put("piece.file_uploaded", PIECE_FILE_UPLOADED);
        Map<String, String> topics = new LinkedHashMap<>();
        types.forEach((type, topic) -> {
            if (topics.put(topic, type) != null) {
                throw new IllegalStateException("Two event types for " + topic);
            }
        });
        TOPIC_BY_TYPE = Collections.unmodifiableMap(types);
        TYPE_BY_TOPIC = Collections.unmodifiableMap(topics);
    }

    private EventCatalog() {
    }

    /** The event type names, in catalog order. */
    static Set<String> types() {
        return TOPIC_BY_TYPE.keySet();
    }

    /** The domain event topics, in catalog order. */
    static Set<String> topics() {
        return TYPE_BY_TOPIC.keySet();
    }

    static Optional<String> typeOf(String topic) {
        return Optional.ofNullable(TYPE_BY_TOPIC.get(topic));
    }

    static Optional<String> topicOf(String type) {
        return Optional.ofNullable(TOPIC_BY_TYPE.get(type));
    }
}
