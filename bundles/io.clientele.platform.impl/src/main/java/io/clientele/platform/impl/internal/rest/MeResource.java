package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.module.ModuleStatus;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.users.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
@Component(service = MeResource.class, property = RestResource.PUBLISHED)
public class MeResource {

    private final UserStore users;
    private final AgencyDirectory agencies;
    private final ModuleRegistry modules;

    @Activate
    public MeResource(@Reference UserStore users, @Reference AgencyDirectory agencies, @Reference ModuleRegistry modules) {
        this.users = users;
        this.agencies = agencies;
        this.modules = modules;
    }

    public record AgencyRef(String id, String slug, String name) {
    }

    public record Me(String id, String name, String email, Set<Role> roles, AgencyRef agency, List<String> modules) {
    }

    public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
    }

    @GET
    @Operation(operationId = "getMe", summary = "The logged-in user and the modules enabled for the agency")
    public Me me() {
        Principal p = RequestContext.principal();
        User user = users.get(p.id());
        AgencyRef agency = agencies.findById(p.agencyId()).map(a -> new AgencyRef(a.id(), a.slug(), a.name())).orElse(null);
        List<String> enabled = modules.statusFor(p.agencyId()).stream()
                .filter(m -> m.installed() && m.enabled()).map(ModuleStatus::id).toList();
        return new Me(user.id(), user.name(), user.email(), user.roles(), agency, enabled);
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMyPassword", summary = "Change the own password; every other session of the user ends")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    @ApiResponse(responseCode = "429", description = "Too many failed guesses: locked for Retry-After seconds (code rate_limited)")
    public Response changePassword(PasswordChange change) {
        users.changeOwnPassword(change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }
}
