package ${package}.impl.internal;

import ${package}.api.${className}Item;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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
 * {@code /api/v1/${moduleId}/items}: a plain JAX-RS resource published as a DS service. The platform publishes it while
 * the service exists ({@link RestResource#PUBLISHED}), authenticates every caller, answers 403
 * {@code module_not_enabled} to agencies that have not enabled the module ({@link RestResource#MODULE}), and turns
 * the service's refusals into problem+json. Every operation has an {@code operationId} and a summary, the class a tag.
 */
@Path("/v1/${moduleId}/items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "${moduleName}")
@Component(service = ${className}ItemsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + ${className}Module.ID})
public class ${className}ItemsResource {

    private final ${className}Store items;

    @Activate
    public ${className}ItemsResource(@Reference ${className}Store items) {
        this.items = items;
    }

    @Schema(name = "${className}Item")
    public record ItemView(String id, String title, long version, Instant createdAt, Instant updatedAt) {
        static ItemView of(${className}Item item) {
            return new ItemView(item.id(), item.title(), item.version(), item.createdAt(), item.updatedAt());
        }
    }

    @Schema(name = "New${className}Item")
    public record NewItem(@Schema(description = "1 to 200 characters", example = "First item") String title) {
    }

    @Schema(name = "${className}ItemPage")
    public record ItemPage(List<ItemView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "list${className}Items", summary = "The agency's items, oldest first, a page at a time (limit, cursor)")
    public ItemPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<${className}Item> page = items.list(PageRequest.of(limit, cursor));
        return new ItemPage(page.items().stream().map(ItemView::of).toList(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create${className}Item", summary = "Create an item")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Response create(NewItem request, @Context UriInfo uri) {
        ${className}Item created = items.create(request == null ? null : request.title());
        return Response.created(Locations.of(uri, "/v1/${moduleId}/items/" + created.id())).tag(ETags.of(created.version()))
                .entity(ItemView.of(created)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "get${className}Item", summary = "Read an item; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ItemView.class)))
    public Response get(@PathParam("id") String id) {
        ${className}Item item = items.get(id);
        return Response.ok(ItemView.of(item)).tag(ETags.of(item.version())).build();
    }
}
