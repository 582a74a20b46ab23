package io.clientele.contact.impl.internal;

import io.clientele.contact.impl.internal.ContactPortal.PortalMe;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/me}: the logged-in contact and its customer. */
@Path("/v1/portal/me")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal session")
@Component(service = PortalMeResource.class, property = RestResource.PUBLISHED)
public class PortalMeResource {

    private final ContactPortal portal;

    @Activate
    public PortalMeResource(@Reference ContactPortal portal) {
        this.portal = portal;
    }

    @GET
    @Operation(operationId = "getPortalMe", summary = "The logged-in contact and its customer")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalMe.class)))
    public Response me() {
        PortalMe me = portal.me();
        return Response.ok(me).tag(ETags.of(me.contact().version())).build();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePortalMe",
            summary = "Change the contact's own name, phone or position (JSON merge patch; recorded in the customer's history)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalMe.class)))
    public Response patch(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        PortalMe me = portal.patchMe(ETags.expectedVersion(ifMatch), patch);
        return Response.ok(me).tag(ETags.of(me.contact().version())).build();
    }
}
