package io.clientele.monthlyfee.impl.internal;

import io.clientele.monthlyfee.impl.internal.Fees.IssueRequest;
import io.clientele.monthlyfee.impl.internal.Fees.Issued;
import io.clientele.monthlyfee.impl.internal.Fees.PreBillingItem;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
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
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/pre-billing}: approved entries waiting to be invoiced, and issuing invoices from them. */
@Path("/v1/pre-billing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly fees")
@AllowedRoles({Role.ADMIN, Role.FINANCE})
@Component(service = PreBillingResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + MonthlyFeeModule.ID})
public class PreBillingResource {

    private final BillingStore billing;
    private final IdempotencyService idempotency;

    @Activate
    public PreBillingResource(@Reference BillingStore billing, @Reference IdempotencyService idempotency) {
        this.billing = billing;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listPreBillingItems",
            summary = "Entries approved by the customer and not billed yet, due between from and to (YYYY-MM-DD, both optional)")
    public Page<PreBillingItem> list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor) {
        return billing.preBilling(Fees.dateParam("from", from), Fees.dateParam("to", to), PageRequest.of(limit, cursor));
    }

    @POST
    @Path("/invoices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issuePreBillingInvoices",
            summary = "Issue invoices (one per customer and currency) from approved entries; honours Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Issued.class)))
    public Response issue(IssueRequest request, @HeaderParam("Idempotency-Key") String key) {
        String fingerprint = request == null ? "" : Fees.sha256(String.valueOf(request.entryIds()) + "|" + request.legalEntityId());
        Issued issued = idempotency.execute(key, "monthly-fee.issue-invoices", fingerprint, Issued.class, () -> billing.issue(request));
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }
}
