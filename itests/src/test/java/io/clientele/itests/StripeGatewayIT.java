package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import io.clientele.payment.api.GatewayEvent;
import io.clientele.payment.api.GatewayPayment;
import io.clientele.payment.api.NextAction;
import io.clientele.payment.api.PaymentGateway;
import io.clientele.payment.api.PaymentMethodType;
import io.clientele.payment.api.PaymentOrder;
import io.clientele.payment.api.PaymentState;
import io.clientele.payment.api.Payer;
import io.clientele.payment.api.WebhookDelivery;
import io.clientele.platform.api.money.Money;
import io.clientele.testing.stripe.FakeStripeServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The Stripe gateway in the running distribution: feature {@code clientele-payment-stripe} installed live; without its
 * keys it registers no gateway; configured through ConfigAdmin at a local fake Stripe ({@link FakeStripeServer}, in the
 * runtime as a bundle) it registers a {@code PaymentGateway} ({@code clientele.payment.gateway=stripe}) that creates a
 * Pix payment at the fake and verifies the fake's signed webhook once it is paid; its secrets are not among the
 * service's properties; removing the key live removes the gateway and putting it back brings it back; uninstalling the
 * feature removes the service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StripeGatewayIT extends ClienteleTestSupport {

    private static final String FEATURE = "clientele-payment-stripe";
    private static final String PID = "io.clientele.payment.stripe";
    private static final String FILTER = "(" + PaymentGateway.ID_PROPERTY + "=stripe)";

    @Override
    @Configuration
    public Option[] config() {
        return baseOptions(mavenBundle("io.clientele", "io.clientele.testing.stripe", System.getProperty("clientele.version")))
                .toArray(new Option[0]);
    }

    private void configure(Map<String, String> values) throws Exception {
        org.osgi.service.cm.Configuration c = service(ConfigurationAdmin.class).getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        values.forEach(props::put);
        c.update(props);
    }

    private ServiceReference<PaymentGateway> stripeGateway() {
        try {
            var refs = bundleContext.getServiceReferences(PaymentGateway.class, FILTER);
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void theGatewayComesWithItsFeatureOnceConfiguredAndGoesWithIt() throws Exception {
        try (FakeStripeServer stripe = new FakeStripeServer()) {
            stripe.autoDeliver = false;
            configure(Map.of("apiBaseUrl", stripe.baseUrl(), ".secretKey", "", ".webhookSecret", ""));
            featuresService.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            assertTrue(featuresService.isInstalled(featuresService.getFeature(FEATURE)));
            Thread.sleep(2000);
            assertNull("no gateway without its keys", stripeGateway());

            configure(Map.of(".secretKey", stripe.secretKey, ".webhookSecret", stripe.webhookSecret,
                    "publishableKey", stripe.publishableKey));
            await("the Stripe gateway registered", 30, () -> stripeGateway() != null);
            ServiceReference<PaymentGateway> ref = stripeGateway();
            for (String key : ref.getPropertyKeys()) {
                Object value = ref.getProperty(key);
                assertFalse("a secret among the service properties: " + key,
                        String.valueOf(value).contains(stripe.secretKey) || String.valueOf(value).contains(stripe.webhookSecret));
            }
            PaymentGateway gateway = bundleContext.getService(ref);
            try {
                assertEquals("stripe", gateway.id());
                assertEquals("cards are paid on Stripe's Checkout page: nothing for the browser", Map.of(), gateway.browserSettings());
                PaymentOrder order = new PaymentOrder("it-pay-1", Money.brl("42.00"), PaymentMethodType.PIX,
                        new Payer("customer-1", null, "Acme", "finance@acme.test", null, null), "Invoice 1",
                        Map.of("invoice", "1"), null, false);
                GatewayPayment created = gateway.createPayment(order);
                assertEquals(PaymentState.REQUIRES_ACTION, created.state());
                assertEquals(NextAction.Kind.PIX, created.nextAction().kind());
                assertEquals("the fake holds it", "requires_action", stripe.object(created.gatewayPaymentId()).path("status").asText());
                assertEquals("retried: the same payment", created.gatewayPaymentId(), gateway.createPayment(order).gatewayPaymentId());

                stripe.pay(created.gatewayPaymentId());
                String body = stripe.lastEvent(created.gatewayPaymentId(), "payment_intent.succeeded").toString();
                GatewayEvent event = gateway.verifyWebhook(new WebhookDelivery(Map.of("stripe-signature",
                        List.of(FakeStripeServer.signatureHeader(stripe.webhookSecret, Instant.now().getEpochSecond(), body))),
                        body.getBytes(StandardCharsets.UTF_8)));
                assertEquals(GatewayEvent.Type.PAYMENT_SUCCEEDED, event.type());
                assertEquals("it-pay-1", event.reference());
                assertEquals(Money.brl("42.00"), event.payment().amountReceived());
                assertEquals(List.of(), stripe.problems);
            } finally {
                bundleContext.ungetService(ref);
            }

            // the key removed live: no gateway; put back: the gateway again
            configure(Map.of(".secretKey", ""));
            await("no Stripe gateway without its key", 30, () -> stripeGateway() == null);
            configure(Map.of(".secretKey", stripe.secretKey));
            await("the Stripe gateway registered again", 30, () -> stripeGateway() != null);

            featuresService.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("the Stripe gateway gone", 30, () -> stripeGateway() == null);
        }
    }
}
