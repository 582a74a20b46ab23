package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PaymentLedger.PaymentView;
import io.clientele.portal.impl.internal.PortalPayments.PayableList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/portal/payments} (tab Payments): the contact's customer's open invoices to pay, paying several at once,
 * and the customer's payments (for the browser to poll one's state). Another customer's payment or invoice is 404.
 */
@Path("/v1/portal/payments")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal payments")
@Component(service = PortalPaymentsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalPaymentsResource {

    private final PortalPayments payments;
    private final PaymentLedger ledger;
    private final PortalGate gate;

    @Activate
    public PortalPaymentsResource(@Reference PortalPayments payments, @Reference PaymentLedger ledger, @Reference PortalGate gate) {
        this.payments = payments;
        this.ledger = ledger;
        this.gate = gate;
    }

    /** {@code invoiceIds}: open invoices of the contact's customer in one currency; {@code method}: CARD, BOLETO or PIX. */
    public record PayRequest(List<String> invoiceIds, String method, Boolean saveCard) {
    }

    public record PaymentPage(List<PaymentView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listPortalPayments", summary = "The customer's payments made through the portal or autopay, newest first")
    public PaymentPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        var contact = gate.enter(PortalTab.PAYMENTS);
        Page<PaymentView> page = ledger.list(contact.customerId(), null, PageRequest.of(limit, cursor));
        return new PaymentPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/payable")
    @Operation(operationId = "listPortalPayableInvoices",
            summary = "The customer's open invoices with a balance, oldest due first, with the methods the gateway offers for each "
                    + "(gatewayAvailable false: no gateway is configured)")
    public PayableList payable() {
        return payments.payable(gate.enter(PortalTab.PAYMENTS));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "payPortalInvoices",
            summary = "Pay several open invoices at once {invoiceIds, method, saveCard}: one gateway payment for the sum of their balances. "
                    + "Idempotency-Key: the same key answers the same payment, never a second one")
    @ApiResponse(responseCode = "201", description = "The payment and what the browser does next",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @ApiResponse(responseCode = "404", description = "An invoice is not the contact's customer's")
    @ApiResponse(responseCode = "409", description = "An invoice is not open or has nothing left to pay")
    @ApiResponse(responseCode = "503", description = "No payment gateway is configured or it cannot be reached (payment_gateway_unavailable)")
    public Response pay(@Context UriInfo uri, PayRequest body, @HeaderParam("Idempotency-Key") String key) {
        var contact = gate.enter(PortalTab.PAYMENTS);
        PaymentView view = payments.pay(contact, body == null ? null : body.invoiceIds(), body == null ? null : body.method(),
                body == null ? null : body.saveCard(), key);
        return Response.created(Locations.of(uri, "/v1/portal/payments/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPortalPayment", summary = "One of the customer's payments: its state, for the browser to poll")
    public PaymentView payment(@PathParam("id") String id) {
        return ledger.viewFor(gate.enter(PortalTab.PAYMENTS).customerId(), id, null);
    }
}
