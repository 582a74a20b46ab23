package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The webhook provider the distribution ships (in {@code system/}, not installed at boot) installed into the running
 * platform: it appears for an agency subscribed to the module {@code webhook} and for no other, takes a subscription
 * whose secret it never shows again, and its connection test reaches a local receiver as a Standard Webhooks message
 * whose signature the receiver verifies with the secret, as does a customer created afterwards, delivered through the
 * platform's delivery queue and logged; uninstalled, the provider goes and the subscription stays.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhookIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-webhook";

    @Override
    @Configuration
    public Option[] config() {
        // the receiver runs on 127.0.0.1, which the shipped address rule refuses
        return baseOptions(editConfigurationFilePut("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true"))
                .toArray(new Option[0]);
    }

    /** One message as the receiver got it. */
    private record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }


    @Test
    public void theShippedWebhookProviderInstallsLiveAndSignsWhatItSends() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        String secret = newWebhookSecret();
        try {
            String subscribed = createAgency("hook-a", "webhook");
            String other = createAgency("hook-b");
            assertFalse(providerIds(subscribed).contains("webhook"));

            featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("the webhook provider listed", 15, () -> providerIds(subscribed).contains("webhook"));
            assertFalse("an agency without the module does not see it", providerIds(other).contains("webhook"));

            // a subscription with an unknown event is refused, naming the field
            Answer bad = post("/v1/integrations", subscribed, Map.of("providerId", "webhook",
                    "settings", Map.of("url", url, "events", List.of("no.such.event"), "secret", secret)));
            JsonNode problem = assertProblem(bad, 400, "validation_failed");
            assertTrue(problem.toString(), problem.toString().contains("settings.events"));

            Answer created = post("/v1/integrations", subscribed, Map.of("providerId", "webhook",
                    "settings", Map.of("url", url, "events", List.of("customer.created"), "secret", secret)));
            assertEquals(created.body(), 201, created.status());
            assertFalse("the secret is never answered", created.body().contains(secret.substring(6)));
            assertTrue(created.body(), created.json().path("secretsSet").toString().contains("secret"));
            String id = created.json().path("id").asText();

            Answer tested = post("/v1/integrations/" + id + "/test", subscribed, Map.of());
            assertEquals(tested.body(), 200, tested.status());
            assertTrue(tested.body(), tested.json().path("ok").asBoolean());
            assertEquals(1, received.size());
            Received message = received.get(0);
            assertEquals("webhook.test", JSON.readTree(message.body()).path("type").asText());
            String expected = webhookSignature(secret, message.header("webhook-id"), message.header("webhook-timestamp"), message.body());
            assertTrue(message.header("webhook-signature") + " signed with the subscription's secret",
                    List.of(message.header("webhook-signature").split(" ")).contains(expected));
            assertFalse(get("/v1/integrations/" + id, subscribed).json().path("lastSuccessAt").isNull());

            // a customer created afterwards reaches the receiver through the delivery queue, signed the same way
            Answer customer = post("/v1/customers", subscribed, Map.of("name", "Hooked", "companyName", "Hooked Ltd"));
            assertEquals(customer.body(), 201, customer.status());
            String customerId = customer.json().path("id").asText();
            await("customer.created delivered", 30, () -> received.stream().anyMatch(r -> r.body().contains("customer.created")));
            Received event = received.stream().filter(r -> r.body().contains("customer.created")).findFirst().orElseThrow();
            JsonNode delivered = JSON.readTree(event.body());
            assertEquals("customer.created", delivered.path("type").asText());
            assertTrue(event.body(), event.body().contains(customerId));
            assertTrue(event.header("webhook-signature"), List.of(event.header("webhook-signature").split(" ")).contains(
                    webhookSignature(secret, event.header("webhook-id"), event.header("webhook-timestamp"), event.body())));
            await("the delivery logged as delivered", 10, () -> get("/v1/integrations/" + id + "/deliveries?status=DELIVERED", subscribed)
                    .json().path("items").toString().contains(event.header("webhook-id")));

            featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("the webhook provider gone", 15, () -> !providerIds(subscribed).contains("webhook"));
            JsonNode kept = get("/v1/integrations/" + id, subscribed).json();
            assertEquals(id, kept.path("id").asText());
            assertFalse(kept.path("providerAvailable").asBoolean());
        } finally {
            receiver.stop(0);
        }
    }
}
