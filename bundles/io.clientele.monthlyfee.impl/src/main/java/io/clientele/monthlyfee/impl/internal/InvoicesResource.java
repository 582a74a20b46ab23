package io.clientele.monthlyfee.impl.internal;

import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.monthlyfee.impl.internal.InvoiceViews.InvoiceView;
import io.clientele.monthlyfee.impl.internal.InvoiceViews.PaymentRequest;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/invoices}: issued invoices, their payments and cancellation. */
@Path("/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly fees")
@AllowedRoles({Role.ADMIN, Role.FINANCE})
@Component(service = InvoicesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + MonthlyFeeModule.ID})
public class InvoicesResource {

    private final BillingStore billing;
    private final IdempotencyService idempotency;

    @Activate
    public InvoicesResource(@Reference BillingStore billing, @Reference IdempotencyService idempotency) {
        this.billing = billing;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listInvoices",
            summary = "Invoices, highest number first; filters ?customerId= and ?status=OPEN|PAID|CANCELLED")
    public Page<InvoiceView> list(@QueryParam("customerId") String customerId, @QueryParam("status") String status,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<Invoice> page = billing.list(customerId, status, PageRequest.of(limit, cursor));
        return new Page<>(page.items().stream().map(InvoiceView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getInvoice", summary = "Read an invoice with its lines; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    public Response get(@PathParam("id") String id) {
        Invoice invoice = billing.get(id);
        return Response.ok(InvoiceView.of(invoice)).tag(ETags.of(invoice.version())).build();
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({PdfFile.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getInvoicePdf",
            summary = "The invoice as a PDF in the agency's language (Content-Disposition: attachment); 404 when not visible")
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PdfFile.MEDIA_TYPE,
            schema = @Schema(type = "string", format = "binary")))
    public Response pdf(@PathParam("id") String id) {
        return Fees.download(billing.invoicePdf(id).orElseThrow(() -> ProblemException.notFound("Invoice " + id)));
    }

    @POST
    @Path("/{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "payInvoice",
            summary = "Record a (partial) payment {amount, method, paidAt}; PAID once settled; honours Idempotency-Key")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    public Response pay(@PathParam("id") String id, PaymentRequest payment, @HeaderParam("Idempotency-Key") String key) {
        Invoice current = billing.get(id);
        String fingerprint = payment == null ? "" : Fees.sha256(payment.amount() + "|" + payment.method() + "|" + payment.paidAt());
        InvoiceView invoice = idempotency.execute(key, "monthly-fee.payment:" + id, fingerprint, InvoiceView.class,
                () -> InvoiceView.of(billing.recordPayment(id, payment == null ? null : payment.toPayment(current.currency()))));
        return Response.ok(invoice).tag(ETags.of(invoice.version())).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelInvoice", summary = "Cancel an invoice without payments; its entries return to pre-billing")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    public Response cancel(@PathParam("id") String id) {
        Invoice invoice = billing.cancel(id);
        return Response.ok(InvoiceView.of(invoice)).tag(ETags.of(invoice.version())).build();
    }
}
