package io.clientele.portal.impl.internal;

import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.api.PdfFile;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PortalBilling.EstimateView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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

/**
 * {@code /api/v1/portal/estimates} (tab Estimates): the contact's own customer's estimates (never a DRAFT), one, its PDF,
 * and accepting or declining a SENT one with an optional comment. Answers 403 {@code module_not_enabled} while the
 * monthly-fee module is not installed or not enabled for the agency.
 */
@Path("/v1/portal/estimates")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalEstimatesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalEstimatesResource {

    private final PortalBilling billing;
    private final PortalGate gate;

    @Activate
    public PortalEstimatesResource(@Reference PortalBilling billing, @Reference PortalGate gate) {
        this.billing = billing;
        this.gate = gate;
    }

    /** The estimates (all of them; {@code nextCursor} is always null). */
    public record EstimatePage(List<EstimateView> items, String nextCursor) {
    }

    /** A decision's optional comment (at most 2000 characters). */
    @Schema(name = "PortalEstimateDecision")
    public record DecisionRequest(String comment) {
    }

    @GET
    @Operation(operationId = "listPortalEstimates", summary = "The customer's estimates, newest first; filter ?status=SENT|ACCEPTED|DECLINED")
    public EstimatePage list(@QueryParam("status") String status) {
        return new EstimatePage(billing.estimates(gate.enter(PortalTab.ESTIMATES), status), null);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPortalEstimate", summary = "One of the customer's estimates with its lines and decision")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EstimateView.class)))
    public EstimateView get(@PathParam("id") String id) {
        return billing.estimate(gate.enter(PortalTab.ESTIMATES), id);
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({PdfFile.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getPortalEstimatePdf", summary = "The estimate as a PDF (Content-Disposition: attachment)")
    @ApiResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PdfFile.MEDIA_TYPE,
            schema = @Schema(type = "string", format = "binary")))
    public Response pdf(@PathParam("id") String id) {
        return PortalBilling.download(billing.estimatePdf(gate.enter(PortalTab.ESTIMATES), id));
    }

    @POST
    @Path("/{id}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acceptPortalEstimate",
            summary = "Accept a SENT estimate {comment?}; recorded with the contact and the time; a second decision is 409")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EstimateView.class)))
    public EstimateView accept(@PathParam("id") String id, DecisionRequest request) {
        return billing.decide(gate.enter(PortalTab.ESTIMATES), id, EstimateStatus.ACCEPTED, request == null ? null : request.comment());
    }

    @POST
    @Path("/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "declinePortalEstimate",
            summary = "Decline a SENT estimate {comment?}; recorded with the contact and the time; a second decision is 409")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EstimateView.class)))
    public EstimateView decline(@PathParam("id") String id, DecisionRequest request) {
        return billing.decide(gate.enter(PortalTab.ESTIMATES), id, EstimateStatus.DECLINED, request == null ? null : request.comment());
    }
}
