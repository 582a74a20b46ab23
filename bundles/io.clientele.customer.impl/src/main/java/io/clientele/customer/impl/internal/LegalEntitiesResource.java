package io.clientele.customer.impl.internal;

import io.clientele.customer.api.LegalEntity;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

/** {@code /api/v1/legal-entities/{id}}: one legal entity (reachable only when its customer is visible to the caller). */
@Path("/v1/legal-entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = LegalEntitiesResource.class, property = RestResource.PUBLISHED)
public class LegalEntitiesResource {

    private final LegalEntityStore entities;

    @Activate
    public LegalEntitiesResource(@Reference LegalEntityStore entities) {
        this.entities = entities;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getLegalEntity", summary = "Read a legal entity; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LegalEntity.class)))
    public Response get(@PathParam("id") String id) {
        LegalEntity entity = entities.get(id);
        return Response.ok(entity).tag(ETags.of(entity.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateLegalEntity",
            summary = "Change a legal entity (JSON merge patch); send If-Match with the ETag to avoid lost updates")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LegalEntity.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        LegalEntity updated = entities.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteLegalEntity",
            summary = "Remove a legal entity from its customer (recorded in the customer's history)")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        entities.delete(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
