package io.clientele.itests;

import io.clientele.payment.api.PaymentGateway;
import io.clientele.testing.stripe.FakeStripeServer;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The Stripe gateway of a running platform pointed at a {@link FakeStripeServer} of the test, and whether it is up. */
final class FakeStripeSetup {

    private FakeStripeSetup() {
    }

    /** Configures {@code io.clientele.payment.stripe} with the fake's address and keys (the gateway then registers). */
    static void connect(ConfigurationAdmin configurations, FakeStripeServer stripe) throws IOException {
        Configuration c = configurations.getConfiguration("io.clientele.payment.stripe", null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("apiBaseUrl", stripe.baseUrl());
        props.put(".secretKey", stripe.secretKey);
        props.put(".webhookSecret", stripe.webhookSecret);
        props.put("publishableKey", stripe.publishableKey);
        c.update(props);
    }

    /** Whether a gateway with id {@code stripe} is registered. */
    static boolean registered(BundleContext context) {
        try {
            return !context.getServiceReferences(PaymentGateway.class, "(" + PaymentGateway.ID_PROPERTY + "=stripe)").isEmpty();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
