package io.clientele.payment.stripe.internal;

import io.clientele.payment.api.PaymentGateway;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link StripeGateway} as a {@link PaymentGateway} ({@code clientele.payment.gateway=stripe}) while its
 * configuration has both secrets, and no gateway otherwise: the shipped etc/io.clientele.payment.stripe.cfg exists with
 * empty secrets, and a gateway that can only fail must not be offered to the portal. (A DS service component cannot
 * do this by itself: SCR registers an immediate component's service before it activates it, and leaves the
 * registration in place when the activation fails.) Configuration changes apply live, without re-registering.
 */
@Component(immediate = true, configurationPid = StripeGatewayComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StripeConfig.class)
public class StripeGatewayComponent {

    static final String PID = "io.clientele.payment.stripe";

    private static final Logger LOG = LoggerFactory.getLogger(StripeGatewayComponent.class);

    private final BundleContext context;
    private StripeGateway gateway;
    private ServiceRegistration<PaymentGateway> registration;

    @Activate
    public StripeGatewayComponent(BundleContext context, StripeConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    synchronized void modified(StripeConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
    }

    private synchronized void apply(StripeConfig config) {
        Optional<StripeGateway.Settings> settings = StripeGateway.Settings.of(config);
        if (settings.isEmpty()) {
            unregister();
            LOG.warn("No Stripe gateway: set CLIENTELE_STRIPE_SECRET_KEY and CLIENTELE_STRIPE_WEBHOOK_SECRET"
                    + " (.secretKey and .webhookSecret in etc/{}.cfg)", PID);
            return;
        }
        if (gateway == null) {
            gateway = new StripeGateway(settings.get(), Clock.systemUTC());
        } else {
            gateway.reconfigure(settings.get());
        }
        if (registration == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(PaymentGateway.ID_PROPERTY, StripeGateway.ID);
            registration = context.registerService(PaymentGateway.class, gateway, properties);
        }
        LOG.info("Stripe gateway at {} (API version {})", config.apiBaseUrl(), StripeApi.API_VERSION);
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
            registration = null;
        }
    }
}
