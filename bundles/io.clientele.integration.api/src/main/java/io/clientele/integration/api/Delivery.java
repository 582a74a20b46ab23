package io.clientele.integration.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One domain event to deliver to one integration, as the platform's durable delivery queue hands it to
 * {@link IntegrationProvider#deliver}. The queue row was written in the same transaction as the change that caused
 * the event, so a delivery exists exactly when its change committed; it is retried until the provider says
 * {@link DeliveryResult.Outcome#DELIVERED delivered}, {@link DeliveryResult.Outcome#REJECTED rejected} or
 * {@link DeliveryResult.Outcome#GONE gone}, or its provider's {@link IntegrationProvider#retrySchedule} runs out.
 *
 * @param id         stable across attempts: receivers deduplicate by it (a webhook's {@code webhook-id})
 * @param topic      the domain event's topic, e.g. {@code clientele/customer/customer/CREATED}
 * @param occurredAt when the change happened
 * @param payload    the event's properties ({@code agencyId}, {@code actorId}, {@code at} and the ids it names)
 * @param attempt    1 on the first try
 */
public record Delivery(String id, String integrationId, String topic, Instant occurredAt, Map<String, Object> payload,
        int attempt) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = Map.copyOf(payload);
    }
}
