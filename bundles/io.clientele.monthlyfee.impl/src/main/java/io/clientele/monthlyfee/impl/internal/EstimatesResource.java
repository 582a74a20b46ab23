package io.clientele.monthlyfee.impl.internal;

import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.monthlyfee.impl.internal.Fees.Estimate;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.monthlyfee.impl.internal.Fees.NewEstimate;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/estimates}: estimates for customers, sent by e-mail and accepted or declined. */
@Path("/v1/estimates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly fees")
@Component(service = EstimatesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + MonthlyFeeModule.ID})
public class EstimatesResource {

    private final EstimateStore estimates;
    private final IdempotencyService idempotency;
    private final CustomerRights rights;

    @Activate
    public EstimatesResource(@Reference EstimateStore estimates, @Reference IdempotencyService idempotency,
                             @Reference CustomerRights rights) {
        this.estimates = estimates;
        this.rights = rights;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listEstimates", summary = "Estimates, oldest first; filter ?customerId=")
    public Page<Estimate> list(@QueryParam("customerId") String customerId, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        return estimates.list(customerId, PageRequest.of(limit, cursor));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEstimate",
            summary = "Create a DRAFT estimate {customerId, title, currency (default BRL), lines:[{description, quantity, unitPrice}]}")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Estimate.class)))
    public Response create(NewEstimate request, @Context UriInfo uri) {
        rights.refusal(CustomerAction.PREPARE, request == null ? null : request.customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Estimate created = estimates.create(request);
        return Response.created(Locations.of(uri, "/v1/estimates/" + created.id())).entity(created).tag(ETags.of(created.version())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEstimate", summary = "Read an estimate; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Estimate.class)))
    public Response get(@PathParam("id") String id) {
        Estimate estimate = estimates.get(id);
        return Response.ok(estimate).tag(ETags.of(estimate.version())).build();
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({PdfFile.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getEstimatePdf",
            summary = "The estimate as a PDF in the agency's language (Content-Disposition: attachment); 404 when not visible")
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PdfFile.MEDIA_TYPE,
            schema = @Schema(type = "string", format = "binary")))
    public Response pdf(@PathParam("id") String id) {
        return Fees.download(estimates.estimatePdf(id).orElseThrow(() -> ProblemException.notFound("Estimate " + id)));
    }

    @POST
    @Path("/{id}/send")
    @Operation(operationId = "sendEstimate",
            summary = "E-mail the estimate to the customer's primary contact; honours Idempotency-Key")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Estimate.class)))
    public Response send(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key) {
        rights.refusal(CustomerAction.PREPARE, estimates.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Estimate sent = idempotency.execute(key, "monthly-fee.estimate-send:" + id, Fees.sha256("send " + id), Estimate.class,
                () -> estimates.send(id));
        return Response.ok(sent).tag(ETags.of(sent.version())).build();
    }

    @POST
    @Path("/{id}/accept")
    @Operation(operationId = "acceptEstimate", summary = "The customer accepted a SENT estimate (recorded by ADMIN or FINANCE)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Estimate.class)))
    public Response accept(@PathParam("id") String id) {
        rights.refusal(CustomerAction.BILL, estimates.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Estimate estimate = estimates.decide(id, EstimateStatus.ACCEPTED);
        return Response.ok(estimate).tag(ETags.of(estimate.version())).build();
    }

    @POST
    @Path("/{id}/decline")
    @Operation(operationId = "declineEstimate", summary = "The customer declined a SENT estimate (recorded by ADMIN or FINANCE)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Estimate.class)))
    public Response decline(@PathParam("id") String id) {
        rights.refusal(CustomerAction.BILL, estimates.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Estimate estimate = estimates.decide(id, EstimateStatus.DECLINED);
        return Response.ok(estimate).tag(ETags.of(estimate.version())).build();
    }
}
