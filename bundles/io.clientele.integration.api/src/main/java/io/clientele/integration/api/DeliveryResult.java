package io.clientele.integration.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one {@link IntegrationProvider#deliver} call; the platform keeps it in the integration's delivery
 * log (outcome, status, latency, the answer's first characters) and schedules what follows.
 *
 * @param status        the HTTP status the provider's service answered, null when there was no answer
 * @param answerExcerpt the start of the answer's body (the platform keeps at most 1,000 characters), or null
 * @param retryAfter    for {@link Outcome#RETRY}: the service's own wait ({@code Retry-After}), or null for the
 *                      provider's schedule
 * @param message       a short explanation for the agency (never a secret)
 */
public record DeliveryResult(Outcome outcome, Integer status, String answerExcerpt, Duration retryAfter, String message) {

    /** The outcomes of a delivery attempt. */
    public enum Outcome {
        /** Accepted by the service; done. */
        DELIVERED,
        /** Failed for now (timeout, 5xx, 429): tried again later, per the schedule or {@code retryAfter}. */
        RETRY,
        /** Refused for good (a 4xx that retrying cannot fix): dead-lettered now, with the answer kept. */
        REJECTED,
        /**
         * The endpoint is gone (HTTP 410) or the credentials are revoked: dead-lettered, and the integration needs
         * attention (no further deliveries until the agency acts).
         */
        GONE
    }

    public DeliveryResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public static DeliveryResult delivered(int status, String answerExcerpt) {
        return new DeliveryResult(Outcome.DELIVERED, status, answerExcerpt, null, "Delivered.");
    }

    public static DeliveryResult retry(Integer status, String answerExcerpt, Duration retryAfter, String message) {
        return new DeliveryResult(Outcome.RETRY, status, answerExcerpt, retryAfter, message);
    }

    public static DeliveryResult rejected(Integer status, String answerExcerpt, String message) {
        return new DeliveryResult(Outcome.REJECTED, status, answerExcerpt, null, message);
    }

    public static DeliveryResult gone(Integer status, String answerExcerpt, String message) {
        return new DeliveryResult(Outcome.GONE, status, answerExcerpt, null, message);
    }
}
