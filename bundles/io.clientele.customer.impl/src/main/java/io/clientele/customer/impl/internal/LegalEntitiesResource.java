package io.clientele.customer.impl.internal;

import io.clientele.customer.api.LegalEntity;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
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
    public Response get(@PathParam("id") String id) {
        LegalEntity entity = entities.get(id);
        return Response.ok(entity).tag(ETags.of(entity.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a legal entity (JSON merge patch); send If-Match with the ETag to avoid lost updates")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        LegalEntity updated = entities.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a legal entity from its customer (recorded in the customer's history)")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        entities.delete(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
