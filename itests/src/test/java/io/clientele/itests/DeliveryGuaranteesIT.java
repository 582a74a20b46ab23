package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The delivery queue's guarantees, with the shipped webhook provider installed live and a local receiver that fails,
 * takes too long, answers 429 with {@code Retry-After}, then recovers: every event arrives, in the order it happened per
 * subscription, and — deduplicating on {@code webhook-id}, as a receiver must — is processed once; the receiver sees the
 * retries, none before the published schedule or {@code Retry-After} allows, and the delivery log shows the failures.
 * Stopping the integration platform's bundle (the worker with it) while deliveries are failing, and again while one is
 * in flight, loses nothing either.
 *
 * <p>The webhook provider's retry schedule is the published one (5 s, then 5 min, …) and its request timeout 20 s; no
 * configuration shortens them. So the receiver fails only the first attempt of a delivery, and the outage is spread over
 * several deliveries: a second failure of one would mean a five-minute wait.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeliveryGuaranteesIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-webhook";
    private static final String IMPL_BUNDLE = "io.clientele.integration.impl";
    /** The webhook provider's first retry wait (its published schedule; the platform adds 0–20 % jitter). */
    private static final long FIRST_RETRY_MILLIS = 5_000;
    /** Longer than the first retry's wait with the most jitter, so an attempt before it shows Retry-After was ignored. */
    private static final int RETRY_AFTER_SECONDS = 8;
    /** Past the webhook provider's 20 s request timeout. */
    private static final long TOO_LONG_MILLIS = 22_000;

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(
                // the receiver runs on 127.0.0.1, which the shipped address rule refuses
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true"),
                editConfigurationFilePut("etc/io.clientele.integration.cfg", "deliveryPollIntervalMillis", "200"),
                // the machine's other builds can slow the boot past Pax Exam's default 3 minutes
                systemTimeout(TimeUnit.MINUTES.toMillis(8)))
                .toArray(new Option[0]);
    }

    @Before
    public void installWebhookProvider() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
    }

    @Test
    public void everyEventArrivesOnceAndInOrderThroughFailuresTimeoutsAndRetryAfter() throws Exception {
        String admin = createAgency("guarantees", "webhook");
        await("the webhook provider listed", 30, () -> providerIds(admin).contains("webhook"));
        String secret = newWebhookSecret();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String a = subscribe(admin, receiver.url("/a"), secret, "customer.created", "customer.updated");
            String b = subscribe(admin, receiver.url("/b"), secret, "customer.created");

            // the first attempts of the first messages fail: refused twice, answered too late, rate-limited, refused again;
            // every other request (retries included) is answered 204
            ConcurrentLinkedDeque<String> failures = new ConcurrentLinkedDeque<>(List.of("500", "500", "timeout", "429", "500"));
            Map<String, String> failedHow = new ConcurrentHashMap<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            receiver.script(m -> {
                if (!seen.add(m.id())) {
                    return WebhookReceiver.Reply.ok();
                }
                String failure = failures.poll();
                if (failure == null) {
                    return WebhookReceiver.Reply.ok();
                }
                failedHow.put(m.id(), failure);
                return switch (failure) {
                    case "timeout" -> new WebhookReceiver.Reply(200, TOO_LONG_MILLIS, null); // does the work, answers too late
                    case "429" -> new WebhookReceiver.Reply(429, 0, Integer.toString(RETRY_AFTER_SECONDS));
                    default -> new WebhookReceiver.Reply(500, 0, null);
                };
            });

            // the changes, in the order they happen: a created and b updated customers
            List<String> expectedA = new ArrayList<>();
            List<String> expectedB = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Answer created = post("/v1/customers", admin, Map.of("name", "Ordered " + i, "companyName", "Ordered " + i + " Ltd"));
                assertEquals(created.body(), 201, created.status());
                String id = created.json().path("id").asText();
                expectedA.add("customer.created " + id);
                expectedB.add("customer.created " + id);
                Answer changed = call("PATCH", "/v1/customers/" + id, bearer(admin), "application/json", "{\"phone\":\"+55 11 5555-000" + i + "\"}");
                assertEquals(changed.body(), 200, changed.status());
                expectedA.add("customer.updated " + id);
            }

            long started = System.currentTimeMillis();
            await("every event processed", 180, () -> receiver.processed("/a").size() >= expectedA.size()
                    && receiver.processed("/b").size() >= expectedB.size());
            System.out.println("DeliveryGuaranteesIT: " + (expectedA.size() + expectedB.size()) + " events processed "
                    + (System.currentTimeMillis() - started) + " ms after the last change; " + receiver.received().size()
                    + " requests; failed on purpose: " + failedHow.values());
            Thread.sleep(3000); // anything sent once more would come now

            assertEquals("all five failures were served", 5, failedHow.size());
            assertEquals("subscription a: every event, in order, once", expectedA, describe(receiver.processed("/a")));
            assertEquals("subscription b: every event, in order, once", expectedB, describe(receiver.processed("/b")));
            for (String path : List.of("/a", "/b")) {
                for (WebhookReceiver.Message m : receiver.processed(path)) {
                    assertTrue("signed with the subscription's secret: " + m.headers(), m.signedWith(secret));
                }
            }

            // one id per event, the same on every attempt
            Map<String, String> idOf = new HashMap<>();
            for (WebhookReceiver.Message m : receiver.received()) {
                String event = m.path() + " " + describe(m);
                String before = idOf.putIfAbsent(event, m.id());
                assertTrue(event + " came with two ids: " + before + ", " + m.id(), before == null || before.equals(m.id()));
            }
            assertEquals(expectedA.size() + expectedB.size(), new HashSet<>(idOf.values()).size());

            // on the wire too, no later event of a subscription before an earlier one was through
            for (String path : List.of("/a", "/b")) {
                List<String> expected = path.equals("/a") ? expectedA : expectedB;
                int last = -1;
                for (WebhookReceiver.Message m : receiver.received()) {
                    if (m.path().equals(path)) {
                        int index = expected.indexOf(describe(m));
                        assertTrue(path + ": " + describe(m) + " sent after a later event", index >= last);
                        last = index;
                    }
                }
            }

            // the retries: every failed message came again, not before it was due
            List<WebhookReceiver.Exchange> exchanges = receiver.exchanges();
            for (Map.Entry<String, String> failed : failedHow.entrySet()) {
                List<WebhookReceiver.Message> attempts = receiver.received().stream().filter(m -> m.id().equals(failed.getKey())).toList();
                assertTrue(failed + " was tried again", attempts.size() >= 2);
                WebhookReceiver.Message first = attempts.get(0);
                WebhookReceiver.Message second = attempts.get(1);
                if (failed.getValue().equals("timeout")) {
                    // the sender gave up at its 20 s timeout, before the receiver answered, and sent the message again
                    long waited = second.receivedAtMillis() - first.receivedAtMillis();
                    assertTrue("retried only after the timeout and the first wait, was " + waited + " ms", waited >= 20_000 + FIRST_RETRY_MILLIS - 50);
                    assertTrue("the receiver had answered after the sender gave up", waited < TOO_LONG_MILLIS + FIRST_RETRY_MILLIS * 2);
                    assertEquals("the repeat of a message processed once is not processed again", 1,
                            exchanges.stream().filter(e -> e.message().id().equals(failed.getKey()) && e.firstProcessing()).count());
                    continue;
                }
                long answered = exchanges.stream().filter(e -> e.message() == first).findFirst().orElseThrow().answeredAtMillis();
                long wait = failed.getValue().equals("429") ? RETRY_AFTER_SECONDS * 1000L : FIRST_RETRY_MILLIS;
                if (failed.getValue().equals("429")) {
                    // the whole subscription pauses: nothing at all to it before Retry-After has passed
                    WebhookReceiver.Message next = receiver.received().stream()
                            .filter(m -> m.path().equals(first.path()) && m.receivedAtMillis() > answered).findFirst().orElseThrow();
                    assertTrue("no request to " + first.path() + " before Retry-After, the next came " + (next.receivedAtMillis() - answered)
                            + " ms after the 429", next.receivedAtMillis() - answered >= wait);
                }
                assertTrue(failed + ": retried " + (second.receivedAtMillis() - answered) + " ms after the failure, before its "
                        + wait + " ms", second.receivedAtMillis() - answered >= wait);
            }
            assertTrue("the receiver saw more requests than events", receiver.received().size() > expectedA.size() + expectedB.size());

            // the delivery log: every delivery DELIVERED, the failures kept as attempts
            for (String integration : List.of(a, b)) {
                Answer log = get("/v1/integrations/" + integration + "/deliveries?limit=100", admin);
                assertEquals(log.body(), 200, log.status());
                Set<String> statuses = new HashSet<>();
                log.json().path("items").forEach(d -> statuses.add(d.path("status").asText()));
                assertEquals(log.body(), Set.of("DELIVERED"), statuses);
                assertEquals(integration.equals(a) ? expectedA.size() : expectedB.size(), log.json().path("items").size());
                JsonNode kept = get("/v1/integrations/" + integration, admin).json();
                assertEquals("ACTIVE", kept.path("status").asText());
                assertFalse(kept.path("lastSuccessAt").isNull());
            }
            for (Map.Entry<String, String> failed : failedHow.entrySet()) {
                String path = receiver.received().stream().filter(m -> m.id().equals(failed.getKey())).findFirst().orElseThrow().path();
                Answer delivery = get("/v1/integrations/" + (path.equals("/a") ? a : b) + "/deliveries/" + failed.getKey(), admin);
                assertEquals(delivery.body(), 200, delivery.status());
                JsonNode attempts = delivery.json().path("attemptLog");
                assertTrue(delivery.body(), attempts.size() >= 2);
                JsonNode first = attempts.get(0);
                assertEquals(delivery.body(), "RETRY", first.path("outcome").asText());
                switch (failed.getValue()) {
                    case "timeout" -> {
                        assertTrue(delivery.body(), first.path("httpStatus").isNull());
                        assertTrue(delivery.body(), first.path("message").asText().contains("did not answer"));
                    }
                    case "429" -> assertEquals(delivery.body(), 429, first.path("httpStatus").asInt());
                    default -> assertEquals(delivery.body(), 500, first.path("httpStatus").asInt());
                }
                assertEquals(delivery.body(), "DELIVERED", attempts.get(attempts.size() - 1).path("outcome").asText());
                assertEquals(delivery.body(), "DELIVERED", delivery.json().path("status").asText());
            }
        }
    }

    @Test
    public void stoppingTheIntegrationPlatformWhileDeliveriesFailAndAgainMidCallLosesNothing() throws Exception {
        String admin = createAgency("restarted", "webhook");
        await("the webhook provider listed", 30, () -> providerIds(admin).contains("webhook"));
        String secret = newWebhookSecret();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String c = subscribe(admin, receiver.url("/c"), secret, "customer.created", "customer.updated");
            AtomicBoolean down = new AtomicBoolean(true);
            // down: every call refused; then up, each answer held back 500 ms, so that a stop can come while one is in flight
            receiver.script(m -> down.get() ? new WebhookReceiver.Reply(500, 0, null) : new WebhookReceiver.Reply(204, 500, null));

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Answer created = post("/v1/customers", admin, Map.of("name", "Restarted " + i, "companyName", "Restarted " + i + " Ltd"));
                assertEquals(created.body(), 201, created.status());
                expected.add("customer.created " + created.json().path("id").asText());
            }
            await("the first delivery refused", 30, () -> !receiver.received().isEmpty());

            Bundle platform = bundle(IMPL_BUNDLE);
            platform.stop(); // ten deliveries pending, the first failed once
            int whileStopped = receiver.received().size();
            Thread.sleep(FIRST_RETRY_MILLIS + 2000); // past the first delivery's retry
            assertEquals("nothing is sent while the platform's bundle is stopped", whileStopped, receiver.received().size());
            down.set(false);
            platform.start();
            long restarted = System.currentTimeMillis();
            await("three delivered after the restart", 90, () -> receiver.processed("/c").size() >= 3);
            long firstAfterRestart = System.currentTimeMillis() - restarted;

            // again, while a call is in flight: the receiver has the request and holds its answer
            await("a call in flight", 30, () -> receiver.received().size() > receiver.exchanges().size());
            int inFlight = receiver.received().size();
            platform.stop();
            int atStop = receiver.processed("/c").size();
            platform.start();
            restarted = System.currentTimeMillis();
            await("every event processed", 150, () -> receiver.processed("/c").size() >= expected.size());
            long allAfterRestart = System.currentTimeMillis() - restarted;
            Thread.sleep(3000); // anything sent once more would come now

            assertEquals("every event, in order, once", expected, describe(receiver.processed("/c")));
            Map<String, Integer> answered2xx = new LinkedHashMap<>();
            for (WebhookReceiver.Exchange e : receiver.exchanges()) {
                if (e.reply().status() / 100 == 2) {
                    answered2xx.merge(e.message().id(), 1, Integer::sum);
                }
            }
            long repeated = answered2xx.values().stream().filter(n -> n > 1).count();
            System.out.println("DeliveryGuaranteesIT restart: first 3 delivered " + firstAfterRestart + " ms after the first restart; "
                    + "stopped the second time with call " + inFlight + " in flight and " + atStop + " processed; all "
                    + expected.size() + " processed " + allAfterRestart + " ms after the second restart; " + receiver.received().size()
                    + " requests, " + repeated + " message(s) answered 2xx more than once (deduplicated by the receiver)");
            assertTrue("only the message in flight at the stop may come twice: " + answered2xx, repeated <= 1);
            for (WebhookReceiver.Message m : receiver.processed("/c")) {
                assertTrue(m.signedWith(secret));
            }
            Answer log = get("/v1/integrations/" + c + "/deliveries?limit=100", admin);
            assertEquals(log.body(), 200, log.status());
            assertEquals(log.body(), expected.size(), log.json().path("items").size());
            log.json().path("items").forEach(d -> assertEquals(d.toString(), "DELIVERED", d.path("status").asText()));
        }
    }

    private String subscribe(String token, String url, String secret, String... events) {
        Answer created = post("/v1/integrations", token, Map.of("providerId", "webhook",
                "settings", Map.of("url", url, "events", List.of(events), "secret", secret)));
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        assertNotNull(id);
        return id;
    }

    /** "type customerId" of each message. */
    private static List<String> describe(List<WebhookReceiver.Message> messages) {
        return messages.stream().map(DeliveryGuaranteesIT::describe).toList();
    }

    private static String describe(WebhookReceiver.Message m) {
        JsonNode json = m.json();
        return json.path("type").asText() + " " + json.path("data").path("customerId").asText();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
