package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.impl.internal.ServiceDesk.StaffNote;
import io.clientele.portal.impl.internal.ServiceDesk.StaffRequest;
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
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/service-requests}: the service requests of the customers the caller sees, and their answers. */
@Path("/v1/service-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service desk")
@Component(service = ServiceRequestsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class ServiceRequestsResource {

    private final ServiceDesk desk;

    @Activate
    public ServiceRequestsResource(@Reference ServiceDesk desk) {
        this.desk = desk;
    }

    public record Answer(String answer) {
    }

    public record StaffRequestPage(List<StaffRequest> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listServiceRequests",
            summary = "Service requests of the customers the caller sees, newest first; status OPEN or ANSWERED, customerId filter")
    public StaffRequestPage requests(@QueryParam("status") String status, @QueryParam("customerId") String customerId,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<StaffRequest> page = desk.staffRequests(status, customerId, PageRequest.of(limit, cursor));
        return new StaffRequestPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getServiceRequest", summary = "Read a service request; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = StaffRequest.class)))
    public Response request(@PathParam("id") String id) {
        StaffRequest r = desk.staffRequest(id);
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerServiceRequest", summary = "Answer a service request {answer} (If-Match honoured); the customer sees the answer")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = StaffRequest.class)))
    public Response answer(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @PathParam("id") String id, Answer body) {
        StaffRequest r = desk.answer(id, body == null ? null : body.answer(), ifMatch);
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }
}
