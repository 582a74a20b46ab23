package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code POST /api/v1/portal/invoices/{id}/pay} (tab Payments): pay one open invoice of the contact's customer. */
@Path("/v1/portal/invoices/{id}/pay")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal payments")
@Component(service = PortalInvoicePayResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalInvoicePayResource {

    private final PortalPayments payments;
    private final PortalGate gate;

    @Activate
    public PortalInvoicePayResource(@Reference PortalPayments payments, @Reference PortalGate gate) {
        this.payments = payments;
        this.gate = gate;
    }

    /** {@code method}: CARD, BOLETO or PIX; {@code saveCard} (card only): also save the card for autopay. */
    public record PayOne(String method, Boolean saveCard) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "payPortalInvoice",
            summary = "Pay the invoice's balance {method, saveCard}; Idempotency-Key: the same key answers the same payment, never a second one")
    @ApiResponse(responseCode = "201", description = "The payment and what the browser does next",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @ApiResponse(responseCode = "404", description = "No such invoice of the contact's customer")
    @ApiResponse(responseCode = "409", description = "The invoice is not open or has nothing left to pay")
    @ApiResponse(responseCode = "503", description = "No payment gateway is configured or it cannot be reached (payment_gateway_unavailable)")
    public Response pay(@Context UriInfo uri, @PathParam("id") String id, PayOne body, @HeaderParam("Idempotency-Key") String key) {
        var contact = gate.enter(PortalTab.PAYMENTS);
        PaymentView view = payments.pay(contact, List.of(id), body == null ? null : body.method(), body == null ? null : body.saveCard(), key);
        return Response.created(Locations.of(uri, "/v1/portal/payments/" + view.id())).entity(view).build();
    }
}
