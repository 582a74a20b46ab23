package io.clientele.portal.impl.internal;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.impl.internal.PortalUsers.InviteResult;
import io.clientele.portal.impl.internal.PortalUsers.PortalUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/users}: who has portal access, who has none yet; invitations, resets, disabling (ADMIN). */
@Path("/v1/portal/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portal users")
@AllowedRoles(Role.ADMIN)
@Component(service = PortalUsersResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalUsersResource {

    private final PortalUsers users;

    @Activate
    public PortalUsersResource(@Reference PortalUsers users) {
        this.users = users;
    }

    public record UserPage(List<PortalUser> items, String nextCursor) {
    }

    public record InviteRequest(List<String> contactIds) {
    }

    public record InviteResults(List<InviteResult> results) {
    }

    @GET
    @Operation(operationId = "listPortalUsers",
            summary = "Contacts of the customers the caller sees with their portal status and last login, oldest first; "
                    + "withoutAccount=true: those with no account yet (never invited or invited), false: those with one")
    public UserPage list(@QueryParam("withoutAccount") String withoutAccount, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        Boolean without = null;
        if (withoutAccount != null && !withoutAccount.isBlank()) {
            if (!"true".equals(withoutAccount) && !"false".equals(withoutAccount)) {
                throw ProblemException.invalid("withoutAccount", "must be true or false");
            }
            without = Boolean.valueOf(withoutAccount);
        }
        Page<PortalUser> page = users.list(without, PageRequest.of(limit, cursor));
        return new UserPage(page.items(), page.nextCursor());
    }

    @POST
    @Path("/invite")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "invitePortalUsers",
            summary = "Invite the selected contacts {contactIds}: one e-mail each through the outbox; a contact holding a usable "
                    + "link is not mailed again (ALREADY_INVITED), so repeating the request sends nothing twice")
    public InviteResults invite(InviteRequest request) {
        return new InviteResults(users.invite(request == null ? null : request.contactIds()));
    }

    @POST
    @Path("/{contactId}/reset-password")
    @Operation(operationId = "sendPortalUserPasswordReset", summary = "E-mail an ACTIVE contact a single-use password-reset link")
    @ApiResponse(responseCode = "202", description = "Queued")
    public Response resetPassword(@PathParam("contactId") String contactId) {
        users.resetPassword(contactId);
        return Response.accepted(Map.of("contactId", contactId)).build();
    }

    @POST
    @Path("/{contactId}/disable")
    @Operation(operationId = "disablePortalUser", summary = "Disable a contact's portal access: its sessions and links end at once")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalUser.class)))
    public PortalUser disable(@PathParam("contactId") String contactId) {
        return users.disable(contactId);
    }
}
