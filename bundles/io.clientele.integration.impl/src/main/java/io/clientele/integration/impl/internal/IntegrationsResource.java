package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Integration;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.integration.impl.internal.Views.DeliveryPage;
import io.clientele.integration.impl.internal.Views.DeliveryView;
import io.clientele.integration.impl.internal.Views.IntegrationPage;
import io.clientele.integration.impl.internal.Views.NewIntegration;
import io.clientele.integration.impl.internal.Views.ProviderView;
import io.clientele.integration.impl.internal.Views.Requeued;
import io.clientele.integration.impl.internal.Views.RetryRange;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.jpa.EntityWork;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/integrations}: the providers installed now, the agency's integrations (of customers and of the agency),
 * their changes, deletion and connection test. Reading is for every staff user who can see the integration's customer;
 * creating, changing, deleting and testing for ADMIN.
 */
@Path("/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integrations")
@Component(service = IntegrationsResource.class, property = RestResource.PUBLISHED)
public class IntegrationsResource {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationsResource.class);

    private final IntegrationStore integrations;
    private final DeliveryStore deliveries;

    @Activate
    public IntegrationsResource(@Reference IntegrationStore integrations, @Reference DeliveryStore deliveries) {
        this.integrations = integrations;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/providers")
    @Operation(operationId = "listIntegrationProviders", summary = "The integration providers installed now that the agency may use (of no module, or of a module it has enabled), by name;"
            + " each with its settings schema (JSON Schema; writeOnly properties are secrets) and the event topics it reacts to")
    public List<ProviderView> providers() {
        return integrations.availableProviders().stream().map(IntegrationsResource::view).toList();
    }

    private static ProviderView view(Provider p) {
        Set<String> topics = new TreeSet<>();
        try {
            Set<String> declared = p.service().eventTopics();
            if (declared != null) {
                topics.addAll(declared);
            }
        } catch (RuntimeException e) {
            LOG.warn("integration provider '{}' failed to list its event topics: {}", p.id(), e.getClass().getName());
        }
        return new ProviderView(p.id(), p.name(), p.service().scope(), p.schema().json(), List.copyOf(topics));
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "The agency's integrations, oldest first, optionally of one provider, customer or status; integrations of customers"
            + " you may not see are left out")
    public IntegrationPage list(@QueryParam("providerId") String providerId, @QueryParam("customerId") String customerId,
                                @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<Integration> page = integrations.page(providerId, customerId, Views.status(status), PageRequest.of(limit, cursor));
        return new IntegrationPage(page.items(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "createIntegration",
            summary = "Connect a provider of AGENCY scope for the whole agency; secret settings (writeOnly) are stored encrypted and never shown")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created integration"),
            content = @Content(schema = @Schema(implementation = Integration.class)))
    public Response create(NewIntegration request, @Context UriInfo uri) {
        NewIntegration r = Views.required(request);
        return created(integrations.create(null, r.providerId(), r.settings()), uri);
    }

    static Response created(Integration created, UriInfo uri) {
        return Response.created(Locations.of(uri, "/v1/integrations/" + created.id())).tag(ETags.of(created.version())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIntegration",
            summary = "One integration (secretsSet names the secret settings that hold a value; their values are never shown)")
    @ApiResponse(responseCode = "200", description = "The integration, with its ETag", content = @Content(schema = @Schema(implementation = Integration.class)))
    public Response get(@PathParam("id") String id) {
        Integration integration = integrations.get(id);
        return Response.ok(integration).tag(ETags.of(integration.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "updateIntegration", summary = "Change settings (JSON merge patch per setting: a value sets it, null removes it; a secret set to a value replaces it)"
            + " or status (ACTIVE or DISCONNECTED); send If-Match with the ETag")
    @ApiResponse(responseCode = "200", description = "The changed integration, with its new ETag", content = @Content(schema = @Schema(implementation = Integration.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        Integration updated = integrations.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "deleteIntegration", summary = "Delete an integration (its provider, when installed, is told first); If-Match is honoured")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        integrations.delete(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/test")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "testIntegration", summary = "Test the integration's settings against the provider's service; the result is recorded as its last success or error")
    public Views.TestResult test(@PathParam("id") String id) {
        return integrations.test(id);
    }

    // ---- the delivery log

    @GET
    @Path("/{id}/deliveries")
    @Tag(name = "Integration deliveries")
    @Operation(operationId = "listIntegrationDeliveries", summary = "The integration's deliveries of events, newest first, optionally of one"
            + " status (PENDING, DELIVERED, DEAD)")
    public DeliveryPage deliveries(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit,
                                   @QueryParam("cursor") String cursor) {
        DeliveryRecord.Status wanted = Views.deliveryStatus(status);
        PageRequest request = PageRequest.of(limit, cursor);
        integrations.get(id); // 404 unless visible
        Page<DeliveryView> page = deliveries.page(id, wanted, request);
        return new DeliveryPage(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Tag(name = "Integration deliveries")
    @Operation(operationId = "getIntegrationDelivery", summary = "One delivery of the integration with its attempts (outcome, HTTP status,"
            + " latency, the answer's first characters)")
    public DeliveryView delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        integrations.get(id);
        return deliveries.get(id, deliveryId);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @AllowedRoles(Role.ADMIN)
    @Tag(name = "Integration deliveries")
    @Operation(operationId = "retryIntegrationDelivery", summary = "Queue a DEAD or DELIVERED delivery again, now, with the same id (receivers"
            + " deduplicate on it) and a fresh round of the retry schedule; 409 when it is still queued")
    public DeliveryView retryDelivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        integrations.get(id);
        return deliveries.retry(id, deliveryId, EntityWork.now());
    }

    @POST
    @Path("/{id}/deliveries/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Tag(name = "Integration deliveries")
    @Operation(operationId = "retryIntegrationDeliveries", summary = "Queue again, now, the integration's DEAD and DELIVERED deliveries of"
            + " events that occurred from `from` (inclusive) to `to` (exclusive), ISO-8601 instants")
    public Requeued retryDeliveries(@PathParam("id") String id, RetryRange range) {
        if (range == null) {
            throw ProblemException.malformed("A JSON object with from and to is required.", null);
        }
        Instant from = Views.instant(range.from(), "from");
        Instant to = Views.instant(range.to(), "to");
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        integrations.get(id);
        return new Requeued(deliveries.retry(id, from, to, EntityWork.now()));
    }
}
