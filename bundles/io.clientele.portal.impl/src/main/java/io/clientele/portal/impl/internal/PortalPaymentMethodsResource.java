package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.Autopay.Setup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code POST /api/v1/portal/payment-methods} (tab Payments): start saving a card for autopay. */
@Path("/v1/portal/payment-methods")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal payments")
@Component(service = PortalPaymentMethodsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalPaymentMethodsResource {

    private final Autopay autopay;
    private final PortalGate gate;

    @Activate
    public PortalPaymentMethodsResource(@Reference Autopay autopay, @Reference PortalGate gate) {
        this.autopay = autopay;
        this.gate = gate;
    }

    @POST
    @Operation(operationId = "startPortalPaymentMethodSetup",
            summary = "Start saving a card for autopay at the gateway: answers {setupId, nextAction} for the browser; once the gateway "
                    + "reports the card saved (its webhook), autopay is on. 503 payment_gateway_unavailable without a gateway")
    public Setup startSetup() {
        return autopay.startSetup(gate.enter(PortalTab.PAYMENTS));
    }
}
