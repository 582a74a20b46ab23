package io.clientele.integration.impl.internal;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/integrations/{id}/oauth}: connecting an integration of an OAuth provider
 * ({@link io.clientele.integration.api.OAuthIntegrationProvider}). Starting an authorization takes the rights of changing
 * the integration (ADMIN); its state is read by every staff user who can see the integration. The callback the service
 * sends the browser to is {@link OAuthCallbackResource}.
 */
@Path("/v1/integrations/{id}/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integration OAuth")
@Component(service = OAuthResource.class, property = RestResource.PUBLISHED)
public class OAuthResource {

    private final OAuthFlow flow;

    @Activate
    public OAuthResource(@Reference OAuthFlow flow) {
        this.flow = flow;
    }

    @POST
    @Path("/authorize")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "authorizeIntegration", summary = "Start connecting the integration to its service with OAuth 2.0: send the"
            + " browser to authorizationUrl; the service sends it back to GET /v1/integrations/oauth/callback (a single-use state,"
            + " valid until expiresAt, bound to you, your agency and this integration; PKCE where the service takes it). 409 when the"
            + " provider is not installed or does not connect with OAuth")
    public OAuthViews.Authorization authorize(@PathParam("id") String id) {
        return flow.authorize(id);
    }

    @GET
    @Operation(operationId = "getIntegrationOAuth", summary = "Whether the integration is connected (holds tokens), with the granted"
            + " scopes, the access token's expiry and who authorized it; the tokens themselves are never shown")
    public OAuthViews.Status status(@PathParam("id") String id) {
        return flow.status(id);
    }
}
