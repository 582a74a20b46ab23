package io.clientele.monthlyfee.impl.internal;

import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.monthlyfee.impl.internal.Fees.EntryPatch;
import io.clientele.monthlyfee.impl.internal.Fees.FeeEntry;
import io.clientele.platform.api.rest.ETags;
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
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/fee-entries/{id}}: one monthly entry; the customer's approval sends it to pre-billing. */
@Path("/v1/fee-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly fees")
@Component(service = FeeEntriesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + MonthlyFeeModule.ID})
public class FeeEntriesResource {

    private final FeeStore fees;
    private final CustomerRights rights;

    @Activate
    public FeeEntriesResource(@Reference FeeStore fees, @Reference CustomerRights rights) {
        this.fees = fees;
        this.rights = rights;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFeeEntry", summary = "Read one entry of a monthly fee; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = FeeEntry.class)))
    public Response get(@PathParam("id") String id) {
        FeeEntry entry = fees.getEntry(id);
        return Response.ok(entry).tag(ETags.of(entry.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateFeeEntry",
            summary = "Record the customer's approval of an entry ({\"approvedByCustomer\":true}); recorded in the customer's history; ADMIN or FINANCE")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = FeeEntry.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, EntryPatch patch) {
        if (patch == null) {
            throw ProblemException.malformed("A JSON object with approvedByCustomer is required.", null);
        }
        rights.refusal(CustomerAction.BILL, fees.getEntry(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        FeeEntry updated = fees.approve(id, ETags.expectedVersion(ifMatch), patch.approvedByCustomer());
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }
}
