package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.apache.karaf.features.Repository;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The webhook provider deployed into a running platform the two ways an operator would, while four threads keep
 * listing and creating customers: first with the console's {@code feature:repo-add} and {@code feature:install}, then
 * by dropping its features file into {@code deploy/}. Each time it is listed in {@code GET /integrations/providers}
 * within seconds, delivers a signed event to a local receiver, and goes when uninstalled (by {@code feature:uninstall},
 * by removing the file); the subscription made in the first round is still there, and works, in the second. No core
 * request fails meanwhile. ({@link WebhookIT} covers the provider's own behaviour: validation, secrets, the test call.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhookLiveDeployIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-webhook";
    /**
     * How long a deploy may take until the provider is listed. On a quiet machine it is a few seconds; on the shared 2-core
     * machine with a load average of 20–40 (other sessions' builds) the console's install took 29 s once.
     */
    private static final long WITHIN_MILLIS = 45_000;

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(editConfigurationFilePut("etc/io.clientele.integration.cfg", "allowPrivateAddresses", "true"),
                // the machine's other builds can slow the boot past Pax Exam's default 3 minutes
                systemTimeout(TimeUnit.MINUTES.toMillis(8)))
                .toArray(new Option[0]);
    }

    @Test
    public void theWebhookProviderDeploysUnderLoadByConsoleAndByDropInFile() throws Exception {
        String hooked = createAgency("live-hook", "webhook");
        String busy = createAgency("live-load");
        String secret = newWebhookSecret();
        URI repository = java.util.Arrays.stream(featuresService.listRepositories())
                .filter(r -> r.getName() != null && r.getName().startsWith(FEATURE + "-")).map(Repository::getURI).findFirst()
                .orElseThrow(() -> new AssertionError("the distribution lists no " + FEATURE + " repository"));
        String version = repository.toString().split("/")[2];
        Path shipped = Paths.get(System.getProperty("karaf.home"), "system", "io", "clientele", "io.clientele.webhook", version,
                "io.clientele.webhook-" + version + "-features.xml");
        assertTrue(shipped + " shipped", Files.isRegularFile(shipped));
        Path dropped = Paths.get(System.getProperty("karaf.base"), "deploy", "clientele-webhook-features.xml");

        WebhookReceiver receiver = new WebhookReceiver();
        CoreLoad load = new CoreLoad(busy, 2, 2);
        String integration;
        try {
            // round 1: the console, as an operator adds a provider's repository and installs its feature
            executeCommandAsAdmin("feature:repo-remove " + repository);
            assertNull("the repository is gone before it is added", featuresService.getFeature(FEATURE));
            long start = System.nanoTime();
            executeCommandAsAdmin("feature:repo-add " + repository);
            executeCommandAsAdmin("feature:install " + FEATURE);
            await("the webhook provider listed", 60, () -> providerIds(hooked).contains("webhook"));
            long listedAfter = (System.nanoTime() - start) / 1_000_000;
            System.out.println("WebhookLiveDeployIT: feature:repo-add + feature:install to listed: " + listedAfter + " ms (load average "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")");
            assertTrue("listed within seconds, took " + listedAfter + " ms", listedAfter < WITHIN_MILLIS);
            assertFalse("an agency without the module does not see it", providerIds(busy).contains("webhook"));

            Answer created = post("/v1/integrations", hooked, Map.of("providerId", "webhook",
                    "settings", Map.of("url", receiver.url("/live"), "events", List.of("customer.created"), "secret", secret)));
            assertEquals(created.body(), 201, created.status());
            integration = created.json().path("id").asText();
            assertDelivers(hooked, receiver, secret, "Round one");

            executeCommandAsAdmin("feature:uninstall " + FEATURE);
            await("the webhook provider gone", 60, () -> !providerIds(hooked).contains("webhook"));
            assertFalse(get("/v1/integrations/" + integration, hooked).json().path("providerAvailable").asBoolean());

            // round 2: its features file dropped into deploy/ (install="auto": the repository is added, the feature installed)
            executeCommandAsAdmin("feature:repo-remove " + repository);
            assertNull(featuresService.getFeature(FEATURE));
            start = System.nanoTime();
            Files.copy(shipped, dropped);
            await("the webhook provider listed again", 60, () -> providerIds(hooked).contains("webhook"));
            listedAfter = (System.nanoTime() - start) / 1_000_000;
            System.out.println("WebhookLiveDeployIT: features file in deploy/ to listed: " + listedAfter + " ms (load average "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")");
            assertTrue("listed within seconds, took " + listedAfter + " ms", listedAfter < WITHIN_MILLIS);

            // the subscription of round one survived the reinstall, secret included, and works
            JsonNode kept = get("/v1/integrations/" + integration, hooked).json();
            assertEquals(kept.toString(), "ACTIVE", kept.path("status").asText());
            assertTrue(kept.toString(), kept.path("providerAvailable").asBoolean());
            assertEquals(1, get("/v1/integrations?providerId=webhook", hooked).json().path("items").size());
            assertDelivers(hooked, receiver, secret, "Round two");

            Files.delete(dropped);
            await("the webhook provider gone with its file", 60, () -> !providerIds(hooked).contains("webhook"));
            assertFalse(get("/v1/integrations/" + integration, hooked).json().path("providerAvailable").asBoolean());
        } finally {
            load.close();
            receiver.close();
            Files.deleteIfExists(dropped);
        }
        System.out.println("WebhookLiveDeployIT: core requests meanwhile: " + load.ok() + " ok, " + load.failures().size() + " failed");
        assertTrue("core requests ran: " + load.ok(), load.ok() > 50);
        assertEquals("failed core requests: " + load.failures(), List.of(), load.failures());
        assertEquals(200, get("/v1/integrations/" + integration, hooked).status());
    }

    /** A customer created now reaches the receiver as a customer.created message signed with {@code secret}. */
    private void assertDelivers(String token, WebhookReceiver receiver, String secret, String name) {
        Answer customer = post("/v1/customers", token, Map.of("name", name, "companyName", name + " Ltd"));
        assertEquals(customer.body(), 201, customer.status());
        String id = customer.json().path("id").asText();
        await(name + " delivered", 60, () -> receiver.processed("/live").stream()
                .anyMatch(m -> id.equals(m.json().path("data").path("customerId").asText())));
        WebhookReceiver.Message m = receiver.processed("/live").stream()
                .filter(p -> id.equals(p.json().path("data").path("customerId").asText())).findFirst().orElseThrow();
        assertEquals("customer.created", m.json().path("type").asText());
        assertTrue("signed with the subscription's secret: " + m.headers(), m.signedWith(secret));
    }
}
