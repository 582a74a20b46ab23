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

/** {@code /api/v1/portal/service-notes} (tab ServiceNotes): notes the agency published to the contact's own customer. */
@Path("/v1/portal/service-notes")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalServiceNotesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalServiceNotesResource {

    private final ServiceDesk desk;
    private final PortalGate gate;

    @Activate
    public PortalServiceNotesResource(@Reference ServiceDesk desk, @Reference PortalGate gate) {
        this.desk = desk;
        this.gate = gate;
    }

    public record NotePage(List<Note> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listPortalServiceNotes", summary = "Notes the agency published to the contact's customer, newest first")
    public NotePage notes(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Contact contact = gate.enter(PortalTab.SERVICE_NOTES);
        Page<Note> page = desk.notesFor(contact, PageRequest.of(limit, cursor));
        return new NotePage(page.items(), page.nextCursor());
    }
}
