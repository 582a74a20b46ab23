package io.clientele.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.domain.Refusal;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The provider "webhook": an agency subscribes a URL to some of the platform's events ({@link EventCatalog}), and each
 * such event is POSTed to it as a Standard Webhooks message, {@code {"type", "timestamp", "data"}}, signed with the
 * subscription's secret ({@link WebhookSigner}). The platform queues the deliveries and retries them; this class only
 * makes one attempt and says what became of it.
 */
@Component(service = IntegrationProvider.class)
public class WebhookProvider implements IntegrationProvider {

    static final String USER_AGENT = "Clientele-Webhooks/1";
    /** Standard Webhooks recommends 15–30 s for a receiver to answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** The most of an answer's body kept in the delivery log. */
    static final int EXCERPT_CHARS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = schema();

    private final Clock clock;

    /** Published only while the module's descriptor is, so no agency sees the provider of an unknown module. */
    @Activate
    public WebhookProvider(@Reference WebhookModule module) {
        this(Clock.systemUTC());
    }

    WebhookProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String name() {
        return "Webhooks";
    }

    @Override
    public ProviderScope scope() {
        return ProviderScope.AGENCY;
    }

    @Override
    public String module() {
        return WebhookModule.ID;
    }

    @Override
    public String settingsSchema() {
        return SCHEMA;
    }

    @Override
    public List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
        return WebhookSettings.problems(settings, http);
    }

    @Override
    public Set<String> eventTopics() {
        return EventCatalog.topics();
    }

    @Override
    public boolean wants(IntegrationContext integration, String topic) {
        Object events = integration.settings().get(WebhookSettings.EVENTS);
        return events instanceof List<?> chosen && EventCatalog.typeOf(topic).map(chosen::contains).orElse(false);
    }

    @Override
    public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        Optional<String> type = EventCatalog.typeOf(delivery.topic());
        if (type.isEmpty()) {
            return DeliveryResult.rejected(null, null, "Webhooks have no event type for " + delivery.topic() + ".");
        }
        HttpResponse<String> answer;
        try {
            WebhookSettings settings = WebhookSettings.read(integration.settings());
            answer = post(integration.http(), settings, delivery.id(),
                    body(type.get(), delivery.occurredAt(), delivery.payload()));
        } catch (WebhookSettings.Invalid | OutboundHttp.BlockedAddressException e) {
            return DeliveryResult.rejected(null, null, e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.retry(null, null, null, failure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, null, null, "Interrupted before the endpoint answered.");
        }
        int status = answer.statusCode();
        String excerpt = excerpt(answer.body(), EXCERPT_CHARS);
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(status, excerpt);
        }
        if (status == 410) {
            return DeliveryResult.gone(status, excerpt, failure(status));
        }
        Duration wait = status == 429 || status == 503
                ? answer.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, clock.instant())).orElse(null)
                : null;
        return DeliveryResult.retry(status, excerpt, wait, failure(status));
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("integrationId", integration.integrationId());
        data.put("agencyId", integration.agencyId());
        String id = "msg_test_" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> answer;
        try {
            answer = post(integration.http(), WebhookSettings.read(integration.settings()), id,
                    body(EventCatalog.TEST_TYPE, now, data));
        } catch (WebhookSettings.Invalid | OutboundHttp.BlockedAddressException e) {
            return ConnectionCheck.failed(e.getMessage());
        } catch (IOException e) {
            return ConnectionCheck.failed(failure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("Interrupted before the endpoint answered.");
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return ConnectionCheck.ok("The endpoint answered " + status + " to a signed " + EventCatalog.TEST_TYPE + " event.");
        }
        String reason = Optional.ofNullable(excerpt(answer.body(), 200)).flatMap(text -> text.lines().findFirst())
                .map(String::strip).orElse("");
        return ConnectionCheck.failed(failure(status) + (reason.isEmpty() ? "" : " " + reason));
    }

    /** POSTs {@code body} to the subscription's URL, signed with every secret active now. */
    private HttpResponse<String> post(OutboundHttp http, WebhookSettings settings, String id, String body)
            throws IOException, InterruptedException {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(REQUEST_TIMEOUT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(settings.secretsAt(now)).sign(id, timestamp, body))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request);
    }

    /** The message, compact JSON: {@code {"type": …, "timestamp": ISO-8601, "data": {…}}}, data's keys sorted. */
    static String body(String type, Instant occurredAt, Map<String, Object> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("timestamp", occurredAt.toString());
        message.put("data", jsonValue(data));
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON values only: " + e.getMessage(), e);
        }
    }

    /** Event properties as JSON values: strings, numbers, booleans, lists and maps as they are, anything else as text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new TreeMap<>();
            map.forEach((k, v) -> object.put(String.valueOf(k), jsonValue(v)));
            return object;
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            List<Object> array = new ArrayList<>();
            for (Object item : value instanceof Object[] items ? Arrays.asList(items) : (Collection<?>) value) {
                array.add(jsonValue(item));
            }
            return array;
        }
        return value.toString();
    }

    /** {@code Retry-After} as seconds or an HTTP-date; empty when it is neither. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.trim();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String failure(int status) {
        if (status >= 300 && status < 400) {
            return "The endpoint answered " + status + ": redirects are not followed, set the URL to the address it redirects to.";
        }
        if (status == 410) {
            return "The endpoint answered 410 Gone: it takes no more webhooks.";
        }
        return "The endpoint answered " + status + ".";
    }

    private static String failure(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "The endpoint did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s.";
        }
        return "The endpoint could not be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The answer's first {@code max} characters (never half a surrogate pair), null when it is empty. */
    static String excerpt(String body, int max) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (body.length() <= max) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(max - 1)) ? max - 1 : max;
        return body.substring(0, end);
    }

    private static String schema() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "object");
        root.putArray("required").add(WebhookSettings.URL).add(WebhookSettings.EVENTS).add(WebhookSettings.SECRET);
        root.put("additionalProperties", false);
        ObjectNode properties = root.putObject("properties");
        properties.putObject(WebhookSettings.URL).put("type", "string").put("format", "uri").put("maxLength", 2048)
                .put("title", "Endpoint URL")
                .put("description", "Where each event is POSTed, signed per Standard Webhooks; https.");
        ObjectNode events = properties.putObject(WebhookSettings.EVENTS).put("type", "array").put("minItems", 1)
                .put("uniqueItems", true).put("title", "Events").put("description", "The events to send.");
        ArrayNode types = events.putObject("items").put("type", "string").putArray("enum");
        EventCatalog.types().forEach(types::add);
        secret(properties, WebhookSettings.SECRET, "Signing secret", WebhookSigner.SECRET_PREFIX + " followed by the base64 of "
                + WebhookSigner.MIN_KEY_BYTES + " to " + WebhookSigner.MAX_KEY_BYTES + " random bytes, e.g. "
                + WebhookSigner.SECRET_PREFIX + "$(openssl rand -base64 32); the receiver verifies with it.");
        secret(properties, WebhookSettings.PREVIOUS_SECRET, "Previous signing secret",
                "While rotating: deliveries are signed with this one too until previousSecretUntil.");
        properties.putObject(WebhookSettings.PREVIOUS_SECRET_UNTIL).put("type", "string").put("format", "date-time")
                .put("title", "Previous secret valid until")
                .put("description", "Until this instant both signatures are sent; required with previousSecret.");
        return root.toString();
    }

    private static void secret(ObjectNode properties, String name, String title, String description) {
        properties.putObject(name).put("type", "string").put("writeOnly", true)
                .put("pattern", "^" + WebhookSigner.SECRET_PREFIX + "[A-Za-z0-9+/]{32,88}={0,2}$")
                .put("title", title).put("description", description);
    }
}
