package io.clientele.monthlyfee.impl.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.platform.api.rest.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

/** The module's representations and small shared helpers. */
final class Fees {

    private Fees() {
    }

    enum FeeStatus { ACTIVE, CANCELLED }

    enum EntryStatus { OPEN, BILLED, CANCELLED }

    /** The signed contract's metadata (the bytes are downloaded from {@code /monthly-fees/{id}/document}). */
    record Document(String contentType, long size, Instant uploadedAt) {
    }

    record Fee(String id, String customerId, String description, String amount, String currency, LocalDate startDate,
               LocalDate endDate, Integer paymentDay, String paymentMethod, String contractText, FeeStatus status, Document document,
               long version, Instant createdAt, Instant updatedAt) {
    }

    /** A fee to create, or the merged result of a patch; {@code amount} is a decimal string. */
    record NewFee(String customerId, String description, String amount, String currency, LocalDate startDate, LocalDate endDate,
                  Integer paymentDay, String paymentMethod, String contractText) {
    }

    record FeeEntry(String id, String feeId, String customerId, String month, LocalDate dueDate, String amount, String currency,
                    boolean approvedByCustomer, Instant approvedAt, String approvedBy, EntryStatus status, String invoiceId,
                    long version) {
    }

    record EntryPatch(Boolean approvedByCustomer) {
    }

    /** An approved, unbilled entry waiting to be invoiced. */
    record PreBillingItem(String entryId, String feeId, String customerId, String description, String month, LocalDate dueDate,
                          String amount, String currency) {
    }

    record IssueRequest(List<String> entryIds, String legalEntityId) {
    }

    record Issued(List<InvoiceViews.InvoiceView> items) {
    }

    record NewEstimateLine(String description, java.math.BigDecimal quantity, String unitPrice) {
    }

    record NewEstimate(String customerId, String title, String currency, List<NewEstimateLine> lines) {
    }

    record EstimateLine(String description, java.math.BigDecimal quantity, String unitPrice, String amount) {
    }

    /**
     * An estimate as the REST API writes it. Once ACCEPTED or DECLINED: {@code decidedAt}, and who decided — a contact
     * through the portal ({@code decidedByContactId}, {@code decidedByContactName}, with its {@code decisionComment}) or
     * the staff user who recorded the customer's answer ({@code decidedByUserId}).
     */
    record Estimate(String id, String customerId, String title, String currency, List<EstimateLine> lines, String total,
                    EstimateStatus status, String sentTo, Instant sentAt, long version, Instant createdAt, Instant updatedAt,
                    Instant decidedAt, String decidedByContactId, String decidedByContactName, String decidedByUserId,
                    String decisionComment) {
    }

    /** A rendered PDF as a download: {@code application/pdf}, {@code Content-Disposition: attachment; filename=…}. */
    static javax.ws.rs.core.Response download(io.clientele.monthlyfee.api.PdfFile pdf) {
        return javax.ws.rs.core.Response.ok(pdf.content(), io.clientele.monthlyfee.api.PdfFile.MEDIA_TYPE)
                .header("Content-Disposition", pdf.contentDisposition()).build();
    }

    /** JSON for patches: like the API's (no coercion of scalars, unknown fields refused). */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** A {@code YYYY-MM-DD} query parameter; a bad one is a 400 naming it. */
    static LocalDate dateParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date such as 2026-11-22");
        }
    }

    /** Ids are UUIDs; anything longer than one can never exist (keeps odd input out of SQL and operation names). */
    static boolean plausibleId(String id) {
        return id != null && !id.isBlank() && id.length() <= 36;
    }

    /** Whether the id names a customer of the caller's agency that the caller may see. */
    static boolean isVisibleCustomer(CustomerDirectory customers, String id) {
        return plausibleId(id) && customers.find(id).isPresent();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
