package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.ServiceDesk.Event;
import io.clientele.portal.impl.internal.ServiceDesk.Note;
import io.clientele.portal.impl.internal.ServiceDesk.Request;
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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/service-requests} (tab RequestService): the contact's own customer's service requests; another customer's is 404. */
@Path("/v1/portal/service-requests")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalServiceRequestsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalServiceRequestsResource {

    private final ServiceDesk desk;
    private final PortalGate gate;

    @Activate
    public PortalServiceRequestsResource(@Reference ServiceDesk desk, @Reference PortalGate gate) {
        this.desk = desk;
        this.gate = gate;
    }

    public record RequestPage(List<Request> items, String nextCursor) {
    }

    public record NewRequest(String subject, String description) {
    }

    @GET
    @Operation(operationId = "listPortalServiceRequests", summary = "The customer's service requests and their answers, newest first")
    public RequestPage requests(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Contact contact = gate.enter(PortalTab.REQUEST_SERVICE);
        Page<Request> page = desk.requestsFor(contact, PageRequest.of(limit, cursor));
        return new RequestPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPortalServiceRequest", summary = "One of the customer's service requests (another customer's: 404)")
    public Request request(@PathParam("id") String id) {
        return desk.requestFor(gate.enter(PortalTab.REQUEST_SERVICE), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openPortalServiceRequest",
            summary = "Request a service {subject, description}: the customer's service manager and assistant are notified in the app and by e-mail")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Request.class)))
    public Response open(@Context UriInfo uri, NewRequest body) {
        Contact contact = gate.enter(PortalTab.REQUEST_SERVICE);
        Request created = desk.open(contact, body == null ? null : body.subject(), body == null ? null : body.description());
        return Response.created(Locations.of(uri, "/v1/portal/service-requests/" + created.id())).entity(created).build();
    }
}
