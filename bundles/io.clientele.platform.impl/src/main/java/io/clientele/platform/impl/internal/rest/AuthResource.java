package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.auth.LoginThrottle;
import io.clientele.platform.api.auth.PasswordHasher;
import io.clientele.platform.api.auth.SessionService;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.users.UserStore;
import io.clientele.platform.impl.internal.users.UserStoreLogin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
@Component(service = AuthResource.class, property = RestResource.PUBLISHED)
public class AuthResource {

    private final AgencyDirectory agencies;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionService sessions;

    @Activate
    public AuthResource(@Reference AgencyDirectory agencies, @Reference UserStore users, @Reference PasswordHasher hasher,
                        @Reference LoginThrottle throttle, @Reference SessionService sessions) {
        this.agencies = agencies;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    public record LoginRequest(@NotBlank @Size(max = 63) String agency, @NotBlank @Size(max = 254) String email,
                               @NotNull @Size(max = 1024) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record SessionUser(String id, String name, String email, Set<io.clientele.platform.api.Role> roles) {
    }

    public record LoginResponse(String accessToken, String refreshToken, long expiresIn, SessionUser user) {
    }

    @POST
    @Path("/login")
    @PublicEndpoint
    @Operation(operationId = "loginUser", summary = "Log in a staff user of an agency")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    @ApiResponse(responseCode = "429", description = "Too many failed guesses: locked for Retry-After seconds (code rate_limited)")
    public LoginResponse login(LoginRequest request) {
        String accountKey = UserStore.throttleKey(request.agency(), request.email());
        Optional<Agency> agency;
        Optional<UserStoreLogin> credentials;
        // the attempt is reserved before the password is hashed; without an outcome (hashing refused) it is given back
        try (LoginThrottle.Attempt attempt = throttle.reserve(accountKey)) {
            agency = agencies.findBySlug(request.agency().trim().toLowerCase(Locale.ROOT));
            credentials = agency.flatMap(a -> RequestContext.runAs(
                    Principal.system(a.id(), a.slug(), "login"), () -> users.credentials(request.email())));
            boolean ok = hasher.verifyOrDecoy(request.password(), credentials.map(UserStoreLogin::passwordHash).orElse(null))
                    && credentials.get().active();
            if (!ok) {
                attempt.failed();
                throw ProblemException.unauthorized("Wrong agency, e-mail or password.");
            }
            attempt.succeeded();
        }
        Agency a = agency.get();
        User user = RequestContext.runAs(Principal.system(a.id(), a.slug(), "login"), () -> users.get(credentials.get().userId()));
        Principal principal = new Principal(PrincipalKind.STAFF, user.id(), user.name(), a.id(), a.slug(), user.roles(), null);
        return response(sessions.open(principal), user);
    }

    @POST
    @Path("/refresh")
    @PublicEndpoint
    @Operation(operationId = "refreshUserSession",
            summary = "Exchange a refresh token for new tokens; the old refresh token stops working")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @ApiResponse(responseCode = "401", description = "Wrong credentials or token (code unauthorized)")
    public LoginResponse refresh(RefreshRequest request) {
        SessionService.Tokens tokens = sessions.refresh(request.refreshToken(), PrincipalKind.STAFF);
        Principal p = sessions.authenticate(tokens.accessToken());
        User user = RequestContext.runAs(p, () -> users.get(p.id()));
        return response(tokens, user);
    }

    @POST
    @Path("/logout")
    @Operation(operationId = "logoutUser", summary = "End the current session: its access and refresh tokens stop working")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response logout() {
        sessions.revoke(RequestContext.principal().sessionId());
        return Response.noContent().build();
    }

    private static LoginResponse response(SessionService.Tokens tokens, User user) {
        return new LoginResponse(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
                new SessionUser(user.id(), user.name(), user.email(), user.roles()));
    }
}
