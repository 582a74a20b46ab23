package io.clientele.portal.impl.internal;

import io.clientele.payment.api.PaymentGateway;
import io.clientele.platform.api.rest.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The payment gateways installed now (bundles registering {@link PaymentGateway}), picked up and lost live. New
 * payments use the first one registered ({@link #current}); events and charges of an existing payment go to the
 * gateway it was made with ({@link #byId}).
 */
@Component(service = Gateways.class)
public class Gateways {

    /** Seconds a gateway's provider is told to wait before delivering again while the gateway is absent. */
    static final long RETRY_AFTER_SECONDS = 60;

    private final List<PaymentGateway> installed = new CopyOnWriteArrayList<>();

    public Gateways() {
    }

    /** Gateways given at once (unit tests). */
    Gateways(PaymentGateway... gateways) {
        installed.addAll(List.of(gateways));
    }

    @Reference(name = "gateways", service = PaymentGateway.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    void add(PaymentGateway gateway) {
        installed.add(gateway);
    }

    void remove(PaymentGateway gateway) {
        installed.remove(gateway);
    }

    Optional<PaymentGateway> current() {
        return installed.stream().findFirst();
    }

    Optional<PaymentGateway> byId(String id) {
        return installed.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The gateway for a new payment, or 503 {@code payment_gateway_unavailable} when none is installed. */
    PaymentGateway require() {
        return current().orElseThrow(() -> unavailable("No payment gateway is configured; online payment is unavailable right now."));
    }

    /** The gateway a payment was made with, or 503 while it is not installed (its provider retries later). */
    PaymentGateway require(String id) {
        return byId(id).orElseThrow(() -> unavailable("The payment gateway '" + id + "' is not installed right now; try again later."));
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(503, "payment_gateway_unavailable", detail, null, RETRY_AFTER_SECONDS);
    }
}
