package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/v1/payments/webhooks/{gatewayId}}: the payment gateway's notifications, without a session; the
 * gateway verifies the signature over the exact body. The rules are {@link PaymentWebhooks}'.
 */
@Path("/v1/payments/webhooks/{gatewayId}")
@Tag(name = "Payment webhooks")
@Component(service = PaymentWebhookResource.class, property = RestResource.PUBLISHED)
public class PaymentWebhookResource {

    private final PaymentWebhooks webhooks;

    @Activate
    public PaymentWebhookResource(@Reference PaymentWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** What became of the notification. */
    public record Received(PaymentWebhooks.Outcome outcome) {
    }

    @POST
    @PublicEndpoint
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receivePaymentWebhook",
            summary = "Called by the payment gateway's provider (no session): the exact body and headers go to the gateway, which verifies "
                    + "the signature. Each event is handled once (HANDLED; a redelivery: DUPLICATE; not about a payment of the platform: IGNORED)",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "200", description = "Handled, a duplicate, or ignored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Received.class)))
    @ApiResponse(responseCode = "400", description = "The signature or timestamp does not verify, or the body cannot be read (webhook_rejected)")
    @ApiResponse(responseCode = "413", description = "The body is larger than 512 KiB")
    @ApiResponse(responseCode = "503", description = "The gateway is not installed (payment_gateway_unavailable, Retry-After): the provider delivers again")
    public Received receive(@PathParam("gatewayId") String gatewayId, @Context HttpHeaders headers, InputStream body) {
        Map<String, List<String>> all = headers == null ? Map.of() : headers.getRequestHeaders();
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(PaymentWebhooks.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ProblemException.malformed("The body could not be read.", null);
        }
        if (bytes.length > PaymentWebhooks.MAX_BODY_BYTES) {
            throw ProblemException.payloadTooLarge("The notification is larger than " + PaymentWebhooks.MAX_BODY_BYTES + " bytes.");
        }
        return new Received(webhooks.receive(gatewayId, all, bytes));
    }
}
