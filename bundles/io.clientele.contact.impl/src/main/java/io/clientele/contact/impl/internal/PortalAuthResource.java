package io.clientele.contact.impl.internal;

import io.clientele.contact.impl.internal.ContactPortal.PortalSession;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/auth}: sessions of customers' contacts (activation, login, refresh, logout, password reset). */
@Path("/v1/portal/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Portal session")
@Component(service = PortalAuthResource.class, property = RestResource.PUBLISHED)
public class PortalAuthResource {

    private final ContactPortal portal;
    private final SessionService sessions;

    @Activate
    public PortalAuthResource(@Reference ContactPortal portal, @Reference SessionService sessions) {
        this.portal = portal;
        this.sessions = sessions;
    }

    public record LoginRequest(@NotBlank @Size(max = 63) String agency, @NotBlank @Size(max = 254) String email,
                               @NotNull @Size(max = 1024) String password) {
    }

    public record TokenPassword(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 1024) String password) {
    }

    public record ForgotPassword(@NotBlank @Size(max = 63) String agency, @NotBlank @Size(max = 254) String email) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @POST
    @Path("/activate")
    @PublicEndpoint
    @Operation(operationId = "activatePortalContact",
            summary = "Activate portal access with the invitation's token: sets the password and logs in")
    public PortalSession activate(TokenPassword request) {
        return portal.activate(request.token(), request.password());
    }

    @POST
    @Path("/login")
    @PublicEndpoint
    @Operation(operationId = "loginPortalContact", summary = "Log in a customer's contact to the portal of an agency")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    @ApiResponse(responseCode = "429", description = "Too many failed guesses: locked for Retry-After seconds (code rate_limited)")
    public PortalSession login(LoginRequest request) {
        return portal.login(request.agency(), request.email(), request.password());
    }

    @POST
    @Path("/refresh")
    @PublicEndpoint
    @Operation(operationId = "refreshPortalSession",
            summary = "Exchange a contact's refresh token for new tokens; the old refresh token stops working")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    public PortalSession refresh(RefreshRequest request) {
        return portal.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @PortalEndpoint
    @Operation(operationId = "logoutPortalContact",
            summary = "End the contact's current session: its access and refresh tokens stop working")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response logout() {
        sessions.revoke(RequestContext.principal().sessionId());
        return Response.noContent().build();
    }

    @POST
    @Path("/forgot-password")
    @PublicEndpoint
    @Operation(operationId = "forgotPortalPassword",
            summary = "Ask for a password-reset link; always 202, whether or not the contact exists")
    @ApiResponse(responseCode = "202", description = "Accepted; no content")
    public Response forgotPassword(ForgotPassword request) {
        portal.forgotPassword(request.agency(), request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/reset-password")
    @PublicEndpoint
    @Operation(operationId = "resetPortalPassword",
            summary = "Set a new password with a reset token; every other session of the contact ends")
    public PortalSession resetPassword(TokenPassword request) {
        return portal.resetPassword(request.token(), request.password());
    }
}
