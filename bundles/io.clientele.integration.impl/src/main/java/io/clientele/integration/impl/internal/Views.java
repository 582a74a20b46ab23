package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.rest.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the integration resources read and write besides {@link Integration} itself. */
public final class Views {

    private Views() {
    }

    /** {@code POST /customers/{id}/integrations} and {@code POST /integrations}. */
    @Schema(name = "NewIntegration")
    public record NewIntegration(@Schema(example = "webhook") String providerId,
                                 @Schema(description = "the provider's settings, as its settingsSchema describes them") Map<String, Object> settings) {
    }

    /** One provider of {@code GET /integrations/providers}; {@code settingsSchema} is the schema as a JSON object. */
    @Schema(name = "IntegrationProvider")
    public record ProviderView(String id, String name, ProviderScope scope, Object settingsSchema, List<String> events) {
    }

    @Schema(name = "IntegrationPage")
    public record IntegrationPage(List<Integration> items, String nextCursor) {
    }

    /** The answer of {@code POST /integrations/{id}/test}: the provider's verdict and when it was recorded. */
    @Schema(name = "IntegrationTestResult")
    public record TestResult(boolean ok, String message, Instant at) {
    }

    /** One delivery of an integration's delivery log; {@code attemptLog} only when one delivery is read. */
    @Schema(name = "IntegrationDelivery")
    public record DeliveryView(@Schema(description = "stable across attempts and re-queues: receivers deduplicate on it") String id,
                               String integrationId, String topic, Instant occurredAt,
                               @Schema(description = "the event's properties") Map<String, Object> payload,
                               @Schema(allowableValues = {"PENDING", "DELIVERED", "DEAD"}) String status,
                               @Schema(description = "attempts since it was last queued") int attempts,
                               @Schema(description = "when PENDING: when it is tried next") Instant nextAttemptAt,
                               @Schema(allowableValues = {"DELIVERED", "RETRY", "REJECTED", "GONE"}) String lastOutcome,
                               Integer lastStatus, String lastMessage, Instant createdAt, Instant updatedAt,
                               List<AttemptView> attemptLog) {
    }

    /** One attempt of a delivery. */
    @Schema(name = "IntegrationDeliveryAttempt")
    public record AttemptView(int attempt, Instant at, String outcome, Integer httpStatus, long latencyMs,
                              @Schema(description = "the answer's first 1,000 characters") String answerExcerpt, String message) {
    }

    @Schema(name = "IntegrationDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    /** {@code POST /integrations/{id}/deliveries/retry}: the deliveries that occurred in [from, to). */
    @Schema(name = "IntegrationDeliveryRetryRange")
    public record RetryRange(@Schema(example = "2026-01-01T00:00:00Z") String from, @Schema(example = "2026-01-02T00:00:00Z") String to) {
    }

    /** How many deliveries a range retry queued again. */
    @Schema(name = "IntegrationDeliveriesRequeued")
    public record Requeued(int requeued) {
    }

    /** The delivery log's {@code status} query parameter; 400 naming it when it is not a delivery status. */
    static DeliveryRecord.Status deliveryStatus(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryRecord.Status.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be PENDING, DELIVERED or DEAD");
        }
    }

    /** The latest instant a range retry takes (every supported database holds it). */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** A time of a range retry's body; 400 naming {@code field} when it is missing or not an ISO-8601 instant. */
    static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw ProblemException.invalid(field, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return instant;
    }

    /** The {@code status} query parameter; 400 naming it when it is not a status. */
    static IntegrationStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IntegrationStatus.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be ACTIVE, NEEDS_ATTENTION or DISCONNECTED");
        }
    }

    /** The body of a create, refused as malformed when there is none. */
    static NewIntegration required(NewIntegration request) {
        if (request == null) {
            throw ProblemException.malformed("A JSON object with providerId and settings is required.", null);
        }
        return request;
    }
}
