package io.clientele.integration.impl.internal;

import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/integrations/oauth/callback}: the redirect URI registered at OAuth services
 * ({@code <publicBaseUrl>/api/v1/integrations/oauth/callback}). Public: the browser comes back from the service without
 * the user's token; the state alone (random, single-use, short-lived, bound to the agency, user and integration) says who
 * started it.
 */
@Path("/v1/integrations/oauth")
@Tag(name = "Integration OAuth")
@Component(service = OAuthCallbackResource.class, property = RestResource.PUBLISHED)
public class OAuthCallbackResource {

    private final OAuthFlow flow;

    @Activate
    public OAuthCallbackResource(@Reference OAuthFlow flow) {
        this.flow = flow;
    }

    @GET
    @Path("/callback")
    @PublicEndpoint
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeIntegrationOAuth", summary = "Where an OAuth service sends the browser back: exchanges the code,"
            + " stores the tokens encrypted and sets the integration ACTIVE; then 303 to the configured completion page (with"
            + " integrationId and result=connected, or error and errorDescription) or, without one, the outcome as JSON. An unknown,"
            + " expired or reused state is 400 naming state; the service's error (access_denied) or a refused code is 400 naming"
            + " error or code")
    @ApiResponse(responseCode = "200", description = "Connected (no completion page configured)",
            content = @Content(schema = @Schema(implementation = OAuthViews.Completion.class)))
    @ApiResponse(responseCode = "303", description = "To the configured completion page, connected or not",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the completion page with the outcome"))
    public Response callback(@Parameter(description = "the authorization code") @QueryParam("code") String code,
                             @Parameter(description = "the state of the authorization request") @QueryParam("state") String state,
                             @Parameter(description = "the service's error code (RFC 6749 §4.1.2.1), e.g. access_denied") @QueryParam("error") String error,
                             @QueryParam("error_description") String errorDescription) {
        OAuthFlow.Outcome outcome = flow.callback(code, state, error, errorDescription);
        URI page = flow.completionUrl(outcome);
        if (page != null) {
            return Response.seeOther(page).build();
        }
        if (!outcome.connected()) {
            throw outcome.problem();
        }
        return Response.ok(new OAuthViews.Completion(outcome.integrationId(), "connected", outcome.status().name()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }
}
