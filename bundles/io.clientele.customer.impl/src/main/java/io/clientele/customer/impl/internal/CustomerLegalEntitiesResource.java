package io.clientele.customer.impl.internal;

import io.clientele.customer.api.LegalEntity;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/customers/{customerId}/legal-entities}: the companies or people a customer is invoiced as. */
@Path("/v1/customers/{customerId}/legal-entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = CustomerLegalEntitiesResource.class, property = RestResource.PUBLISHED)
public class CustomerLegalEntitiesResource {

    private final LegalEntityStore entities;

    @Activate
    public CustomerLegalEntitiesResource(@Reference LegalEntityStore entities) {
        this.entities = entities;
    }

    public record LegalEntityList(List<LegalEntity> items) {
    }

    @GET
    @Operation(operationId = "listCustomerLegalEntities", summary = "The customer's legal entities, by name")
    public LegalEntityList list(@PathParam("customerId") String customerId) {
        return new LegalEntityList(entities.list(customerId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomerLegalEntity",
            summary = "Add a legal entity; with a Brazilian address the taxId must be a valid CNPJ or CPF")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = LegalEntity.class)))
    public Response create(@PathParam("customerId") String customerId, LegalEntity request, @Context UriInfo uri) {
        LegalEntity created = entities.create(customerId, request);
        return Response.created(Locations.of(uri, "/v1/legal-entities/" + created.id()))
                .tag(ETags.of(created.version())).entity(created).build();
    }
}
