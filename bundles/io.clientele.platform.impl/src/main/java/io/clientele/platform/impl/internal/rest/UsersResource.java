package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Formats;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.QueryParams;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.users.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.ADMIN)
@Tag(name = "Agency users")
@Component(service = UsersResource.class, property = RestResource.PUBLISHED)
public class UsersResource {

    private final UserStore users;

    @Activate
    public UsersResource(@Reference UserStore users) {
        this.users = users;
    }

    public record NewUserRequest(@NotBlank @Size(max = 200) String name,
                                 @NotBlank @Size(max = 254) @Pattern(regexp = Formats.EMAIL_REGEX, message = "is not a valid e-mail address") String email,
                                 @NotEmpty Set<@NotNull Role> roles,
                                 @NotNull @Size(min = 12, max = 128, message = "must have 12 to 128 characters") String password) {
    }

    public record UserPatch(@Size(min = 1, max = 200) String name,
                            @Size(max = 254) @Pattern(regexp = Formats.EMAIL_REGEX, message = "is not a valid e-mail address") String email,
                            @Size(min = 1) Set<@NotNull Role> roles, Boolean active) {
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List the agency's users, ordered by e-mail")
    public Page<User> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                           @Parameter(schema = @Schema(type = "boolean")) @QueryParam("active") String active) {
        PageRequest page = PageRequest.of(limit, cursor);
        return users.list(page.limit(), page.cursor(), QueryParams.booleanParam("active", active));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user; the password must satisfy the password policy")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = User.class)))
    public Response create(NewUserRequest request, @Context UriInfo uri) {
        User user = users.create(new UserStore.NewUser(request.name(), request.email(), request.roles(), request.password()), "");
        return Response.created(uri.getAbsolutePathBuilder().path(user.id()).build()).tag(ETags.of(user.version())).entity(user).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "Read a user of the agency; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = User.class)))
    public Response get(@PathParam("id") String id) {
        User user = users.get(id);
        return Response.ok(user).tag(ETags.of(user.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUser",
            summary = "Change name, e-mail, roles or active; send If-Match with the ETag to avoid lost updates")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = User.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, UserPatch patch) {
        User user = users.update(id, ETags.expectedVersion(ifMatch),
                new UserStore.UserChanges(patch.name(), patch.email(), patch.roles(), patch.active()));
        return Response.ok(user).tag(ETags.of(user.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteUser", summary = "Deactivate a user (kept for history); their sessions end")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response deactivate(@PathParam("id") String id) {
        users.deactivate(id);
        return Response.noContent().build();
    }
}
