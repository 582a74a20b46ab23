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

/** {@code /api/v1/customers/{id}/service-notes}: notes staff publish to a customer's portal; every user who sees the customer. */
@Path("/v1/customers/{customerId}/service-notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service desk")
@Component(service = CustomerServiceNotesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class CustomerServiceNotesResource {

    private final ServiceDesk desk;

    @Activate
    public CustomerServiceNotesResource(@Reference ServiceDesk desk) {
        this.desk = desk;
    }

    public record NewNote(String body) {
    }

    public record StaffNotePage(List<StaffNote> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listServiceNotes", summary = "Notes published to the customer's portal, newest first")
    public StaffNotePage notes(@PathParam("customerId") String customerId, @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        Page<StaffNote> page = desk.staffNotes(customerId, PageRequest.of(limit, cursor));
        return new StaffNotePage(page.items(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishServiceNote", summary = "Publish a note {body} to the customer's portal (its contacts see it)")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StaffNote.class)))
    public Response publish(@Context UriInfo uri, @PathParam("customerId") String customerId, NewNote body) {
        StaffNote note = desk.publishNote(customerId, body == null ? null : body.body());
        return Response.created(Locations.of(uri, "/v1/customers/" + customerId + "/service-notes")).entity(note).build();
    }
}
