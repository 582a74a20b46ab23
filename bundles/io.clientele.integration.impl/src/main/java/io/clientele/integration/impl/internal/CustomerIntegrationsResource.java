package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Integration;
import io.clientele.integration.impl.internal.Views.IntegrationPage;
import io.clientele.integration.impl.internal.Views.NewIntegration;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/customers/{customerId}/integrations}: a customer's integrations (a customer you may not see is 404). */
@Path("/v1/customers/{customerId}/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integrations")
@Component(service = CustomerIntegrationsResource.class, property = RestResource.PUBLISHED)
public class CustomerIntegrationsResource {

    private final IntegrationStore integrations;

    @Activate
    public CustomerIntegrationsResource(@Reference IntegrationStore integrations) {
        this.integrations = integrations;
    }

    @GET
    @Operation(operationId = "listCustomerIntegrations", summary = "The customer's integrations, oldest first")
    public IntegrationPage list(@PathParam("customerId") String customerId, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor) {
        PageRequest request = PageRequest.of(limit, cursor);
        integrations.requireVisibleCustomer(customerId);
        Page<Integration> page = integrations.page(null, customerId, null, request);
        return new IntegrationPage(page.items(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "createCustomerIntegration",
            summary = "Connect a provider of CUSTOMER scope for the customer; secret settings (writeOnly) are stored encrypted and never shown")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created integration"),
            content = @Content(schema = @Schema(implementation = Integration.class)))
    public Response create(@PathParam("customerId") String customerId, NewIntegration request, @Context UriInfo uri) {
        NewIntegration r = Views.required(request);
        return IntegrationsResource.created(integrations.create(customerId, r.providerId(), r.settings()), uri);
    }
}
