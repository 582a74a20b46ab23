package io.clientele.integration.impl.internal;

import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.InboundAnswer;
import io.clientele.integration.api.InboundRequest;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.platform.api.domain.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A provider as a test describes it: id, name, scope, module and schema, and what its checks, test, deliveries and
 * disconnection do.
 */
final class TestProvider implements IntegrationProvider {

    private final String id;
    private final String name;
    private final ProviderScope scope;
    private final String module;
    private final String schema;
    BiFunction<Map<String, Object>, OutboundHttp, List<Refusal.Field>> validate = (settings, http) -> List.of();
    Function<IntegrationContext, ConnectionCheck> test = integration -> ConnectionCheck.ok("ok");
    Consumer<IntegrationContext> disconnected = integration -> {
    };
    /** What it delivers; read once, when the registry lists the provider. */
    Set<String> topics = Set.of();
    BiPredicate<IntegrationContext, String> wants = (integration, topic) -> topics.contains(topic);
    BiFunction<IntegrationContext, Delivery, DeliveryResult> deliver = (integration, delivery) -> DeliveryResult.delivered(200, null);
    List<Duration> schedule = DEFAULT_RETRY_SCHEDULE;
    BiFunction<IntegrationContext, InboundRequest, InboundAnswer> receive = null;
    /** Its own delivery rate per second (0: none). */
    double rate;

    TestProvider(String id, String name, ProviderScope scope, String module, String schema) {
        this.id = id;
        this.name = name;
        this.scope = scope;
        this.module = module;
        this.schema = schema;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderScope scope() {
        return scope;
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public String settingsSchema() {
        return schema;
    }

    @Override
    public List<Refusal.Field> validate(Map<String, Object> settings, OutboundHttp http) {
        return validate.apply(settings, http);
    }

    @Override
    public ConnectionCheck testConnection(IntegrationContext integration) {
        return test.apply(integration);
    }

    @Override
    public Set<String> eventTopics() {
        return topics;
    }

    @Override
    public boolean wants(IntegrationContext integration, String topic) {
        return wants.test(integration, topic);
    }

    @Override
    public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
        return deliver.apply(integration, delivery);
    }

    @Override
    public List<Duration> retrySchedule() {
        return schedule;
    }

    @Override
    public InboundAnswer receive(IntegrationContext integration, InboundRequest request) {
        return receive == null ? IntegrationProvider.super.receive(integration, request) : receive.apply(integration, request);
    }

    @Override
    public double maxDeliveriesPerSecond(IntegrationContext integration) {
        return rate;
    }

    @Override
    public void disconnected(IntegrationContext integration) {
        disconnected.accept(integration);
    }
}
