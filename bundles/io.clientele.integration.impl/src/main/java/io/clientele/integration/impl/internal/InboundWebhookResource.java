package io.clientele.integration.impl.internal;

import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/v1/integrations/{id}/webhook}: the inbound endpoint outside services call, without staff
 * authentication; the integration's provider verifies the call's signature itself. The rules are {@link InboundWebhooks}'.
 */
@Path("/v1/integrations/{id}/webhook")
@Tag(name = "Integration webhooks")
@Component(service = InboundWebhookResource.class, property = RestResource.PUBLISHED)
public class InboundWebhookResource {

    static final String PROBLEM_JSON = "application/problem+json";
    private final InboundWebhooks inbound;

    @Activate
    public InboundWebhookResource(@Reference InboundWebhooks inbound) {
        this.inbound = inbound;
    }

    @POST
    @PublicEndpoint
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "receiveIntegrationWebhook",
            summary = "Called by the integration's outside service (no staff token): the raw body and headers go to the integration's provider,"
                    + " which verifies the signature (and, where the service signs them, the timestamp's window and that the message id is new)."
                    + " The provider's answer is returned: 204, or its refusal as problem+json (401 bad signature or stale timestamp, 409 replayed"
                    + " message, 400 unreadable body). Unknown, deleted or disconnected integrations are 404; a provider not installed, or"
                    + " failing, is 503 with Retry-After",
            requestBody = @RequestBody(description = "The body exactly as the service signed it (any media type), at most inboundMaxBodyBytes",
                    content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "204", description = "Accepted by the provider")
    @ApiResponse(responseCode = "200", description = "Accepted by the provider, with its message",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The provider could not read the call (malformed_request), or Content-Length is not a number")
    @ApiResponse(responseCode = "401", description = "The signature does not match, or the signed timestamp is outside the window (unauthorized)")
    @ApiResponse(responseCode = "404", description = "No such integration, it is disconnected, or its provider takes no inbound calls (not_found)")
    @ApiResponse(responseCode = "409", description = "The message id was received already (conflict)")
    @ApiResponse(responseCode = "413", description = "The body is larger than inboundMaxBodyBytes (payload_too_large)")
    @ApiResponse(responseCode = "429", description = "Too many calls to this integration (rate_limited)",
            headers = @Header(name = "Retry-After", description = "seconds to wait", schema = @Schema(type = "integer")))
    @ApiResponse(responseCode = "503", description = "The provider is not installed or failed, or the node is busy (service_unavailable)",
            headers = @Header(name = "Retry-After", description = "seconds to wait", schema = @Schema(type = "integer")))
    public Response receive(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                            @Context HttpHeaders headers, InputStream body) {
        Map<String, List<String>> all = headers == null ? Map.of() : headers.getRequestHeaders();
        InboundWebhooks.Accepted accepted = inbound.receive(id, all, contentLength, body);
        if (accepted.status() == 204 || accepted.message() == null || accepted.message().isEmpty()) {
            return Response.status(accepted.status()).build();
        }
        return Response.status(accepted.status()).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(accepted.message()).build();
    }
}
