package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PortalBilling.InvoicePage;
import io.clientele.portal.impl.internal.PortalBilling.InvoiceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/portal/invoices} (tab Invoices): the contact's own customer's invoices, one, and its PDF. Answers 403
 * {@code module_not_enabled} while the monthly-fee module is not installed or not enabled for the agency.
 */
@Path("/v1/portal/invoices")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalInvoicesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalInvoicesResource {

    private final PortalBilling billing;
    private final PortalGate gate;

    @Activate
    public PortalInvoicesResource(@Reference PortalBilling billing, @Reference PortalGate gate) {
        this.billing = billing;
        this.gate = gate;
    }

    @GET
    @Operation(operationId = "listPortalInvoices",
            summary = "The customer's invoices, highest number first, with the balance due; filter ?status=OPEN|PAID|CANCELLED")
    public InvoicePage list(@QueryParam("status") String status) {
        return billing.invoices(gate.enter(PortalTab.INVOICES), status);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPortalInvoice", summary = "One of the customer's invoices with its lines and payments")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    public InvoiceView get(@PathParam("id") String id) {
        return billing.invoice(gate.enter(PortalTab.INVOICES), id);
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({PdfFile.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getPortalInvoicePdf", summary = "The invoice as a PDF (Content-Disposition: attachment)")
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PdfFile.MEDIA_TYPE,
            schema = @Schema(type = "string", format = "binary")))
    public Response pdf(@PathParam("id") String id) {
        return PortalBilling.download(billing.invoicePdf(gate.enter(PortalTab.INVOICES), id));
    }
}
