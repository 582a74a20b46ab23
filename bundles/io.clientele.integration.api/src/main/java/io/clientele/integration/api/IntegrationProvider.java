package io.clientele.integration.api;

import io.clientele.platform.api.domain.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of integration a bundle brings to the platform (a webhook forwarder, RD Station, a social network), published
 * as an OSGi service. The platform lists it in {@code GET /api/v1/integrations/providers} while the service exists —
 * install the bundle live and it appears, uninstall it and it goes — and keeps the integrations agencies configured with
 * it (their records survive the provider's absence and a reinstall).
 *
 * <p>The platform owns everything around the provider: the integration records, their status and last success or
 * error, the encryption of secret settings at rest, per-agency gating by {@link #module()}, the REST API, and the
 * outbound address rule of {@link OutboundHttp}. A provider only describes its settings, checks them, and talks to
 * its service.
 *
 * <p>A minimal provider, as a Declarative Services component in the provider's own bundle:
 * <pre>{@code
 * @Component(service = IntegrationProvider.class)
 * public class PingProvider implements IntegrationProvider {
 *     public String id() { return "ping"; }
 *     public String name() { return "Ping"; }
 *     public ProviderScope scope() { return ProviderScope.CUSTOMER; }
 *     public String settingsSchema() {
 *         return """
 *             {"type": "object", "required": ["url", "token"], "properties": {
 *               "url":   {"type": "string", "format": "uri", "title": "Endpoint"},
 *               "token": {"type": "string", "writeOnly": true, "title": "Token"}}}""";
 *     }
 *     public List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
 *         return http.problemWith(java.net.URI.create((String) settings.get("url")))
 *                 .map(problem -> List.of(new Refusal.Field("settings.url", problem))).orElse(List.of());
 *     }
 *     public ConnectionCheck testConnection(IntegrationContext integration) {
 *         try {
 *             HttpResponse<String> answer = integration.http().send(HttpRequest.newBuilder(
 *                     java.net.URI.create((String) integration.settings().get("url"))).build());
 *             return answer.statusCode() < 300 ? ConnectionCheck.ok("Answered " + answer.statusCode() + ".")
 *                     : ConnectionCheck.failed("Answered " + answer.statusCode() + ".");
 *         } catch (IOException e) {
 *             return ConnectionCheck.failed(e.getMessage());
 *         } catch (InterruptedException e) {
 *             Thread.currentThread().interrupt();
 *             return ConnectionCheck.failed("Interrupted.");
 *         }
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public interface IntegrationProvider {

    /**
     * The provider's stable id, unique in the platform: lowercase letters, digits and hyphens, starting with a letter,
     * at most 40 characters (e.g. {@code webhook}, {@code rdstation}). Integration records name their provider by it,
     * so it must never change. A provider whose id breaks this rule, or repeats one already registered, is not listed
     * (the platform logs why).
     */
    String id();

    /** The provider's name as agencies see it, e.g. {@code "RD Station Marketing"}. */
    String name();

    /** Whether an agency connects it per customer or once for the whole agency. */
    ProviderScope scope();

    /**
     * The id of the module (a {@code io.clientele.platform.api.module.ModuleDescriptor} the provider's bundle
     * publishes) that an agency must have enabled to see and use this provider, or null when every agency may use it.
     */
    default String module() {
        return null;
    }

    /**
     * The settings an integration of this provider takes, as a JSON Schema (draft 2020-12) of a JSON object, in JSON
     * text. Clients build their forms from it. Secret settings (passwords, tokens, signing secrets) are marked
     * {@code "writeOnly": true}: the platform stores them encrypted and never returns them. The platform itself
     * enforces, for each top-level property: {@code required}, {@code type} ({@code string}, {@code integer},
     * {@code number}, {@code boolean}, {@code array}, {@code object}), {@code enum}, {@code minLength} and
     * {@code maxLength}, and refuses properties the schema does not name; anything more is {@link #validate}'s job.
     */
    String settingsSchema();

    /**
     * What is wrong with settings that passed the schema's checks, one field per problem, paths as the API names them
     * ({@code settings.url}); empty when they are fine. Called on every create and change, with secrets included
     * (decrypted), before anything is stored. Must not call out to the provider's service (that is
     * {@link #testConnection}); {@code http} is given for its {@link OutboundHttp#problemWith address rule}.
     */
    default List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
        return List.of();
    }

    /**
     * Tries the integration's settings against the provider's service (an authenticated ping, a signed test
     * delivery). The platform records the result as the integration's last success or last error. Called on
     * {@code POST /integrations/{id}/test}, outside any transaction; may block for the duration of an HTTP call.
     */
    ConnectionCheck testConnection(IntegrationContext integration);

    /**
     * The domain event topics (e.g. {@code clientele/customer/customer/CREATED}, see each module's {@code *Events}
     * class) the provider reacts to, listed in the provider's description so agencies know what it sends.
     */
    default Set<String> eventTopics() {
        return Set.of();
    }

    /**
     * Whether this integration wants a delivery for an event of {@code topic} (one of {@link #eventTopics()}), e.g.
     * whether a webhook subscription chose that event. Called in the transaction of the change that raised the event,
     * to decide whether to queue a delivery: answer from the settings alone, without I/O.
     */
    default boolean wants(IntegrationContext integration, String topic) {
        return eventTopics().contains(topic);
    }

    /**
     * Delivers one queued event to the provider's service (an HTTP call through {@link IntegrationContext#http()}),
     * and says what became of it. Called by the platform's delivery worker outside any transaction, at most once at a
     * time per delivery; the worker applies the per-integration rate limit, the retry schedule with jitter and
     * {@code Retry-After}, and the dead-letter state. An exception counts as {@link DeliveryResult.Outcome#RETRY}.
     * A provider with no {@link #eventTopics()} is never called.
     */
    default DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        return DeliveryResult.rejected(null, null, "The provider " + id() + " delivers no events.");
    }

    /**
     * The waits between a delivery's attempts, after the first (attempt 2 waits the first entry, and so on); when it
     * runs out the delivery is dead-lettered. The platform adds up to 20 % random jitter to each. The default spans
     * about three days: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 24 h, 24 h.
     */
    default List<Duration> retrySchedule() {
        return DEFAULT_RETRY_SCHEDULE;
    }

    /** The default {@link #retrySchedule()}. */
    List<Duration> DEFAULT_RETRY_SCHEDULE = List.of(Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10),
            Duration.ofHours(24), Duration.ofHours(24));

    /**
     * The most deliveries per second this integration's service accepts, or 0 (the default) for no limit of the
     * provider's own; may depend on the integration's settings (a plan's quota). The delivery worker starts one
     * integration's attempts at least {@code 1 / rate} seconds apart, on every node together, besides the operator's
     * limit ({@code deliveryMaxPerSecond} of {@code io.clientele.integration}; the lower of the two holds) and the pause
     * a {@code 429}/{@code 503} with {@code Retry-After} sets. Asked after each attempt, outside any transaction;
     * answer from the settings alone, without I/O. A failure counts as 0.
     *
     * @since 1.1
     */
    default double maxDeliveriesPerSecond(IntegrationContext integration) {
        return 0;
    }

    /**
     * Handles a call the provider's service made to the integration's inbound endpoint
     * ({@code POST /api/v1/integrations/{id}/webhook}, no staff authentication): verify its signature and, where the
     * service signs a timestamp and a message id, refuse a replay through {@link IntegrationContext#replayGuard()}, then
     * act on it through the platform's services. {@code request} carries the body's bytes exactly as sent (at most
     * {@code inboundMaxBodyBytes}) and the headers. Called outside any transaction, with the integration's agency as the
     * caller's, only for an ACTIVE or NEEDS_ATTENTION integration whose provider is installed and usable by the agency.
     * The answer is the caller's ({@link InboundAnswer}); an exception is logged and answered {@code 503} with
     * {@code Retry-After}, so the service tries again later. The default accepts nothing: the platform answers such calls
     * {@code 404}.
     */
    default InboundAnswer receive(IntegrationContext integration, InboundRequest request) {
        return InboundAnswer.refused(404, "The provider " + id() + " takes no inbound calls.");
    }

    /**
     * The integration is being deleted: revoke what the provider holds for it at its service (an OAuth token), if
     * anything. Called before the record is removed, outside any transaction; a failure is logged and does not stop
     * the deletion.
     */
    default void disconnected(IntegrationContext integration) {
    }
}
