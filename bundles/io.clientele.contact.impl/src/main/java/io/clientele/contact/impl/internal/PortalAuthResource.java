package io.clientele.contact.impl.internal;

import io.clientele.contact.impl.internal.ContactPortal.PortalSession;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.auth.PasswordPolicy;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.BrowserSession;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
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
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;
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
    private final PasswordPolicy passwords;

    @Activate
    public PortalAuthResource(@Reference ContactPortal portal, @Reference SessionService sessions, @Reference PasswordPolicy passwords) {
        this.portal = portal;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    public record LoginRequest(@NotBlank @Size(max = 63) String agency, @NotBlank @Size(max = 254) String email,
                               @NotNull @Size(max = 1024) String password) {
    }

    public record TokenPassword(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 1024) String password) {
    }

    public record ForgotPassword(@NotBlank @Size(max = 63) String agency, @NotBlank @Size(max = 254) String email) {
    }

    /** {@code refreshToken} may be left out by a browser session, whose refresh token is in its cookie. */
    public record RefreshRequest(@Size(max = 200) String refreshToken) {
    }

    public record PasswordCheck(@NotNull @Size(max = 1024) String password) {
    }

    /**
     * {@code problem}: why the policy refuses the password (in the request's language), null when it is acceptable;
     * {@code code}: the same as a machine code ({@code too_short}, {@code too_long}, {@code weak_password}, {@code required}).
     */
    public record PasswordVerdict(boolean acceptable, String problem, String code) {
    }

    @POST
    @Path("/activate")
    @PublicEndpoint
    @Operation(operationId = "activatePortalContact",
            summary = "Activate portal access with the invitation's token: sets the password and logs in")
    @ApiResponse(responseCode = "200", description = "OK (with " + BrowserSession.REQUEST_HEADER + ": cookie, the tokens are in "
            + "HttpOnly cookies instead of the body)", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    public Response activate(TokenPassword request, @Context HttpHeaders headers, @Context UriInfo uri) {
        return answer(portal.activate(request.token(), request.password()), headers, uri);
    }

    @POST
    @Path("/login")
    @PublicEndpoint
    @Operation(operationId = "loginPortalContact", summary = "Log in a customer's contact to the portal of an agency")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    @ApiResponse(responseCode = "429", description = "Too many failed guesses: locked for Retry-After seconds (code rate_limited)")
    public Response login(LoginRequest request, @Context HttpHeaders headers, @Context UriInfo uri) {
        return answer(portal.login(request.agency(), request.email(), request.password()), headers, uri);
    }

    @POST
    @Path("/refresh")
    @PublicEndpoint
    @Operation(operationId = "refreshPortalSession",
            summary = "Exchange a contact's refresh token for new tokens; the old refresh token stops working")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    @ApiResponse(responseCode = "400", description = "No refresh token in the body nor a browser session's cookie (code validation_failed)")
    @ApiResponse(responseCode = "403", description = "A browser session's refresh without its CSRF header (code forbidden)")
    public Response refresh(RefreshRequest request, @Context HttpHeaders headers, @Context UriInfo uri) {
        String token = request == null ? null : request.refreshToken();
        boolean byCookie = token == null || token.isBlank();
        if (byCookie) {
            String cookies = headers.getHeaderString(HttpHeaders.COOKIE);
            token = BrowserSession.cookie(cookies, BrowserSession.REFRESH_COOKIE);
            if (token == null) {
                throw new ProblemException(400, "validation_failed", "Send the refresh token.",
                        List.of(new FieldError("refreshToken", "must not be blank")), null);
            }
            if (!BrowserSession.csrfMatches(BrowserSession.cookie(cookies, BrowserSession.CSRF_COOKIE),
                    headers.getHeaderString(BrowserSession.CSRF_HEADER))) {
                throw ProblemException.forbidden(ContactTexts.MESSAGES.text("session.csrf", Map.of("header", BrowserSession.CSRF_HEADER)));
            }
        }
        // a browser session stays one: a refresh by cookie answers in cookies whatever the request asked
        return answer(portal.refresh(token), byCookie || BrowserSession.requested(headers.getHeaderString(BrowserSession.REQUEST_HEADER)), headers, uri);
    }

    @POST
    @Path("/logout")
    @PortalEndpoint
    @Operation(operationId = "logoutPortalContact",
            summary = "End the contact's current session: its access and refresh tokens stop working")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response logout(@Context UriInfo uri, @Context HttpHeaders headers) {
        sessions.revoke(RequestContext.principal().sessionId());
        Response.ResponseBuilder answer = Response.noContent();
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            BrowserSession.clear(secure(headers, uri)).forEach(c -> answer.header("Set-Cookie", c));
        }
        return answer.build();
    }

    @POST
    @Path("/password-check")
    @PublicEndpoint
    @Operation(operationId = "checkPortalPassword",
            summary = "Whether a password passes the password policy (length, breached list), for feedback as the contact types; nothing is stored")
    public PasswordVerdict checkPassword(PasswordCheck request) {
        FieldError problem = passwords.error("password", request.password()).orElse(null);
        return new PasswordVerdict(problem == null, problem == null ? null : problem.message(), problem == null ? null : problem.code());
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
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSession.class)))
    public Response resetPassword(TokenPassword request, @Context HttpHeaders headers, @Context UriInfo uri) {
        return answer(portal.resetPassword(request.token(), request.password()), headers, uri);
    }

    /**
     * The session as JSON, or — when the web app asked for a browser session — the same JSON without the tokens, which
     * go into HttpOnly cookies (docs/security.md, "Browser sessions").
     */
    static Response answer(PortalSession session, HttpHeaders headers, UriInfo uri) {
        return answer(session, BrowserSession.requested(headers.getHeaderString(BrowserSession.REQUEST_HEADER)), headers, uri);
    }

    static Response answer(PortalSession session, boolean cookies, HttpHeaders headers, UriInfo uri) {
        if (!cookies) {
            return Response.ok(session).build();
        }
        Response.ResponseBuilder answer = Response.ok(new PortalSession(null, null, session.expiresIn(), session.contact()))
                .header("Cache-Control", "no-store");
        BrowserSession.open(session.accessToken(), session.refreshToken(), secure(headers, uri)).forEach(c -> answer.header("Set-Cookie", c));
        return answer.build();
    }

    /** Over TLS (directly, or through a proxy that says so in {@code X-Forwarded-Proto}) the cookies are {@code Secure}. */
    static boolean secure(HttpHeaders headers, UriInfo uri) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || (forwarded != null && "https".equalsIgnoreCase(forwarded.trim()));
    }
}
