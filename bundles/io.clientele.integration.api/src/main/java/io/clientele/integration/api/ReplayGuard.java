package io.clientele.integration.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's replay protection for inbound calls ({@link IntegrationProvider#receive}), so that every provider gets
 * it without writing its own: a service that signs a timestamp and a message id with each call (Standard Webhooks'
 * {@code webhook-timestamp} and {@code webhook-id}, Stripe's {@code t=}, Slack's request timestamp) has both checked
 * here, after the provider verified the signature over them. Reached through {@link IntegrationContext#replayGuard()},
 * bound to that one integration.
 *
 * <p>{@link #check} accepts a message when its signed timestamp lies within {@link #tolerance()} of now (either side;
 * configuration {@code io.clientele.integration} {@code inboundReplayToleranceSeconds}, 300 by default) and its id was
 * not accepted for this integration before; the id is then remembered, in the database (every node of a cluster sees
 * it), for as long as its timestamp stays inside the window. A replayed copy is therefore refused either by the window
 * or by the memory. When the provider's handling of the call then fails (it throws, or answers anything but a 2xx), the
 * platform forgets the ids remembered during that call, so the service's own retry of the same message is accepted.
 *
 * <p>Verify the signature first: only a message whose signature holds may spend its id.
 * <pre>{@code
 * public InboundAnswer receive(IntegrationContext integration, InboundRequest request) {
 *     String id = request.header("webhook-id").orElse("");
 *     long seconds = Long.parseLong(request.header("webhook-timestamp").orElse("0"));
 *     if (!signatureHolds(integration, id, seconds, request.body(), request.header("webhook-signature"))) {
 *         return InboundAnswer.refused(401, "The signature does not match.");
 *     }
 *     Optional<InboundAnswer> replay = integration.replayGuard().refusal(id, Instant.ofEpochSecond(seconds));
 *     if (replay.isPresent()) {
 *         return replay.get();
 *     }
 *     // act on the message
 *     return InboundAnswer.accepted();
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ProviderType
public interface ReplayGuard {

    /** What {@link #check} made of a message. */
    enum Verdict {
        /** Inside the window and not seen before: remembered now; act on it. */
        FRESH,
        /** Its timestamp is older, or further in the future, than the tolerance allows. */
        OUTSIDE_WINDOW,
        /** Its id was accepted for this integration before, inside the window. */
        REPLAYED
    }

    /** How far a signed timestamp may lie from now, either side. */
    Duration tolerance();

    /** Whether {@code signedAt} lies within {@link #tolerance()} of now; remembers nothing. */
    boolean withinWindow(Instant signedAt);

    /**
     * Checks the message's timestamp against the window and, when it is inside, remembers its id for this integration,
     * atomically across nodes (two copies arriving at once: one is {@link Verdict#FRESH}, the other
     * {@link Verdict#REPLAYED}). Ids are compared exactly (any text; long ones are kept as their SHA-256).
     *
     * @param messageId the id the service signed, not blank
     * @param signedAt  the timestamp the service signed
     */
    Verdict check(String messageId, Instant signedAt);

    /**
     * {@link #check} as the answer to give: empty for a {@link Verdict#FRESH} message, else a refusal —
     * {@code 401} for a timestamp outside the window (Standard Webhooks treats it as a failed verification),
     * {@code 409} for a replayed id.
     */
    default Optional<InboundAnswer> refusal(String messageId, Instant signedAt) {
        return switch (check(messageId, signedAt)) {
            case FRESH -> Optional.empty();
            case OUTSIDE_WINDOW -> Optional.of(InboundAnswer.refused(401, "The message's timestamp is outside the accepted window of "
                    + tolerance().toSeconds() + " seconds."));
            case REPLAYED -> Optional.of(InboundAnswer.refused(409, "The message " + messageId + " was received already."));
        };
    }
}
