package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Lookup;
import io.clientele.customer.api.LookupKind;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.QueryParams;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
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

/**
 * {@code /api/v1/lookups/{kind}}: the agency's managed lists (segments, statuses, …). Every staff user reads
 * them; ADMIN creates, renames and (de)activates entries.
 */
@Path("/v1/lookups/{kind}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lookups")
@Component(service = LookupsResource.class, property = RestResource.PUBLISHED)
public class LookupsResource {

    private final LookupStore lookups;

    @Activate
    public LookupsResource(@Reference LookupStore lookups) {
        this.lookups = lookups;
    }

    public record NewLookup(@Size(max = LookupStore.MAX_NAME) String name) {
    }

    public record LookupPatch(@Size(max = LookupStore.MAX_NAME) String name, Boolean active) {
    }

    public record LookupList(List<Lookup> items) {
    }

    @GET
    @Operation(operationId = "listLookups", summary = "The entries of one list; inactive ones only with includeInactive=true")
    public LookupList list(@PathParam("kind") String kind,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("includeInactive") String includeInactive) {
        return new LookupList(lookups.list(kind(kind), Boolean.TRUE.equals(QueryParams.booleanParam("includeInactive", includeInactive))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "createLookup", summary = "Add an entry; names are unique in the list, ignoring case")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Lookup.class)))
    public Response create(@PathParam("kind") String kind, NewLookup request, @Context UriInfo uri) {
        Lookup created = lookups.create(kind(kind), request.name());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).tag(ETags.of(created.version()))
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getLookup", summary = "Read one entry of a lookup list; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Lookup.class)))
    public Response get(@PathParam("kind") String kind, @PathParam("id") String id) {
        Lookup lookup = lookups.find(kind(kind), id).orElseThrow(() -> ProblemException.notFound("Lookup " + id));
        return Response.ok(lookup).tag(ETags.of(lookup.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "updateLookup",
            summary = "Rename or (de)activate an entry; records keep showing a deactivated entry")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Lookup.class)))
    public Response update(@PathParam("kind") String kind, @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, LookupPatch patch) {
        Lookup updated = lookups.update(kind(kind), id, ETags.expectedVersion(ifMatch), patch.name(), patch.active());
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    private static LookupKind kind(String path) {
        return LookupKind.fromPath(path).orElseThrow(() -> ProblemException.notFound("Lookup list '" + path + "'"));
    }
}
