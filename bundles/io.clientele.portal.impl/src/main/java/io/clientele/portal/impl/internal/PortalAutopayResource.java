package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.Autopay.AutopayView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/autopay} (tab Payments): the contact's autopay and its saved card. */
@Path("/v1/portal/autopay")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal payments")
@Component(service = PortalAutopayResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalAutopayResource {

    private final Autopay autopay;
    private final PortalGate gate;

    @Activate
    public PortalAutopayResource(@Reference Autopay autopay, @Reference PortalGate gate) {
        this.autopay = autopay;
        this.gate = gate;
    }

    public record AutopayRequest(Boolean enabled) {
    }

    @GET
    @Operation(operationId = "getPortalAutopay", summary = "Whether autopay is on, the saved card (brand, last four digits, expiry) and the last automatic charge")
    public AutopayView get() {
        return autopay.view(gate.enter(PortalTab.PAYMENTS));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPortalAutopay",
            summary = "Switch autopay {enabled}: on needs a saved card (409 naming enabled otherwise); off forgets the saved card")
    public AutopayView set(AutopayRequest body) {
        return autopay.set(gate.enter(PortalTab.PAYMENTS), body == null ? null : body.enabled());
    }
}
