package io.clientele.customer.impl.internal;

import io.clientele.customer.api.Customer;
import io.clientele.platform.api.history.HistoryEntry;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
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

/** {@code /api/v1/customers}: the customer registry (restricted customers read as missing to those not allowed). */
@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = CustomersResource.class, property = RestResource.PUBLISHED)
public class CustomersResource {

    private final CustomerStore customers;

    @Activate
    public CustomersResource(@Reference CustomerStore customers) {
        this.customers = customers;
    }

    @GET
    @Operation(operationId = "listCustomers",
            summary = "List customers: filters (q finds customers having a word that starts with each word of q, in name, "
            + "company name, e-mail or tax document, ignoring case and accents; created/updated ranges take a date or an instant), "
            + "sort=name|createdAt|updatedAt (- for descending), keyset cursor")
    public Page<Customer> list(@QueryParam("q") String q, @QueryParam("segmentId") String segmentId,
                               @QueryParam("statusId") String statusId, @QueryParam("attractionChannelId") String attractionChannelId,
                               @QueryParam("sectorId") String sectorId, @QueryParam("responsibleManagerId") String responsibleManagerId,
                               @QueryParam("city") String city, @QueryParam("state") String state,
                               @Parameter(schema = @Schema(type = "boolean")) @QueryParam("supplier") String supplier,
                               @Parameter(schema = @Schema(type = "boolean")) @QueryParam("restricted") String restricted,
                               @QueryParam("groupId") String groupId, @QueryParam("createdFrom") String createdFrom,
                               @QueryParam("createdTo") String createdTo, @QueryParam("updatedSince") String updatedSince,
                               @QueryParam("updatedTo") String updatedTo,
                               @Parameter(schema = @Schema(type = "boolean")) @QueryParam("archived") String archived,
                               @QueryParam("sort") String sort,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        CustomerListParams query = new CustomerListParams(q, segmentId, statusId, attractionChannelId, sectorId,
                responsibleManagerId, city, state, supplier, restricted, groupId, createdFrom, createdTo, updatedSince, updatedTo,
                archived, sort);
        PageRequest page = PageRequest.of(limit, cursor);
        return customers.list(query.filter(), query.order(), page.limit(), page.cursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomer",
            summary = "Register a customer; every bad or missing field is named at once. A restricted customer registered by "
            + "anyone but ADMIN or FINANCE must name its creator as service manager, assistant or follower (403 otherwise)")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response create(Customer request, @Context UriInfo uri) {
        Customer created = customers.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).tag(ETags.of(created.version()))
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response get(@PathParam("id") String id) {
        Customer customer = customers.get(id);
        return Response.ok(customer).tag(ETags.of(customer.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateCustomer",
            summary = "Change a customer (JSON merge patch); send If-Match with the ETag to avoid lost updates. "
            + "Changing restricted, serviceManagerId, assistantId or followerIds needs ADMIN or the customer's service manager (403)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Customer.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        Customer updated = customers.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteCustomer",
            summary = "Archive a customer (kept, with its history; listed again with archived=true)")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response archive(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        customers.archive(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "listCustomerHistory", summary = "Every change to the customer and what hangs from it, newest first")
    public Page<HistoryEntry> history(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return customers.history(id, page.limit(), page.cursor());
    }
}
