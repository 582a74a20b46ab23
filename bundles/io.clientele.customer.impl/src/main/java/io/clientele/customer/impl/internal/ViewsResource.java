package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/views}: the current user's saved views of the customer list. */
@Path("/v1/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = ViewsResource.class, property = RestResource.PUBLISHED)
public class ViewsResource {

    private final ViewStore views;

    @Activate
    public ViewsResource(@Reference ViewStore views) {
        this.views = views;
    }

    public record ViewRequest(@Size(max = 100) String name, @Size(max = 60) List<String> columns,
                              @Size(max = 20) Map<String, Object> filters, @JsonProperty("default") Boolean isDefault) {
    }

    public record ViewBody(String id, String name, List<String> columns, Map<String, Object> filters,
                           @JsonProperty("default") boolean isDefault, long version) {
        static ViewBody of(ViewStore.View v) {
            return new ViewBody(v.id(), v.name(), v.columns(), v.filters(), v.isDefault(), v.version());
        }
    }

    public record ViewList(List<ViewBody> items) {
    }

    @GET
    @Operation(operationId = "listViews", summary = "The current user's views, default first")
    public ViewList list() {
        return new ViewList(views.mine().stream().map(ViewBody::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createView",
            summary = "Save a view (columns and filters); default=true makes it the user's default")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = ViewBody.class)))
    public Response create(ViewRequest request, @Context UriInfo uri) {
        ViewStore.View v = views.create(request.name(), request.columns(), request.filters(), request.isDefault());
        return Response.created(uri.getAbsolutePathBuilder().path(v.id()).build()).tag(ETags.of(v.version()))
                .entity(ViewBody.of(v)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateView", summary = "Change a saved view; send If-Match with its ETag to avoid lost updates")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ViewBody.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ViewRequest request) {
        ViewStore.View v = views.update(id, ETags.expectedVersion(ifMatch), request.name(), request.columns(), request.filters(),
                request.isDefault());
        return Response.ok(ViewBody.of(v)).tag(ETags.of(v.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteView", summary = "Delete a saved view")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response delete(@PathParam("id") String id) {
        views.delete(id);
        return Response.noContent().build();
    }
}
