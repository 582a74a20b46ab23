package io.clientele.budget.impl.internal;

import io.clientele.budget.api.Budget;
import io.clientele.budget.api.BudgetEntry;
import io.clientele.budget.api.EntryKind;
import io.clientele.budget.impl.internal.Views.BudgetView;
import io.clientele.budget.impl.internal.Views.EntryView;
import io.clientele.budget.impl.internal.Views.NewBudget;
import io.clientele.budget.impl.internal.Views.NewEntry;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
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

/** {@code /api/v1/budgets}: budgets per customer and campaign, and their entries. */
@Path("/v1/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Budgets")
@Component(service = BudgetsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + BudgetModule.ID})
public class BudgetsResource {

    private final BudgetStore budgets;
    private final IdempotencyService idempotency;
    private final CustomerRights rights;

    @Activate
    public BudgetsResource(@Reference BudgetStore budgets, @Reference IdempotencyService idempotency, @Reference CustomerRights rights) {
        this.budgets = budgets;
        this.rights = rights;
        this.idempotency = idempotency;
    }

    public record BudgetPage(java.util.List<BudgetView> items, String nextCursor) {
    }

    public record EntryPage(java.util.List<EntryView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listBudgets",
            summary = "Budgets, oldest first (of one customer with customerId); budgets of customers you may not see are left out")
    public BudgetPage list(@QueryParam("customerId") String customerId, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        Page<Budget> page = budgets.page(customerId, PageRequest.of(limit, cursor));
        return new BudgetPage(page.items().stream().map(BudgetView::of).toList(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createBudget",
            summary = "Create a budget for a customer's campaign (recorded in the customer's history)")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = BudgetView.class)))
    public Response create(NewBudget request, @Context UriInfo uri) {
        rights.refusal(CustomerAction.PREPARE, request == null ? null : request.customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Budget created = budgets.create(new BudgetStore.BudgetInput(request.customerId(), request.campaign(), request.amount(),
                request.currency(), request.startDate(), request.endDate()));
        return Response.created(Locations.of(uri, "/v1/budgets/" + created.id())).tag(ETags.of(created.version()))
                .entity(BudgetView.of(created)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBudget", summary = "Read a budget; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = BudgetView.class)))
    public Response get(@PathParam("id") String id) {
        Budget budget = budgets.get(id);
        return Response.ok(BudgetView.of(budget)).tag(ETags.of(budget.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateBudget",
            summary = "Change campaign, amount, currency or period (JSON merge patch); send If-Match with the ETag. "
            + "The currency cannot change once the budget has entries.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = BudgetView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        rights.refusal(CustomerAction.PREPARE, budgets.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        Budget updated = budgets.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(BudgetView.of(updated)).tag(ETags.of(updated.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteBudget", summary = "Delete a budget (kept in the customer's history); If-Match is honoured")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rights.refusal(CustomerAction.PREPARE, budgets.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        budgets.delete(id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/entries")
    @Operation(operationId = "listBudgetEntries", summary = "The budget's entries, oldest first")
    public EntryPage entries(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<BudgetEntry> page = budgets.entries(id, PageRequest.of(limit, cursor));
        return new EntryPage(page.items().stream().map(EntryView::of).toList(), page.nextCursor());
    }

    @POST
    @Path("/{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createBudgetEntry",
            summary = "Record a commitment (COMMITTED) or spend (SPENT) in the budget's currency; "
            + "a commitment is later turned into spend with POST /v1/budget-entries/{id}/spend. Honours Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    public Response addEntry(@PathParam("id") String id,
                             @Parameter(description = "a repeat with the same key returns the first result") @HeaderParam("Idempotency-Key") String key,
                             NewEntry request, @Context UriInfo uri) {
        // a commitment is prepared; spend is money gone, recorded by finance
        boolean spend = request != null && request.kind() != null && request.kind().trim().equals(EntryKind.SPENT.name());
        rights.refusal(spend ? CustomerAction.BILL : CustomerAction.PREPARE, budgets.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        String fingerprint = String.join("\u001f", String.valueOf(request.kind()), String.valueOf(request.amount()),
                String.valueOf(request.currency()), String.valueOf(request.description()), String.valueOf(request.jobId()));
        EntryView created = idempotency.execute(key, "budget.entries:" + id, fingerprint, EntryView.class,
                () -> EntryView.of(budgets.addEntry(id, request.kind(), request.amount(), request.currency(), request.description(),
                        request.jobId())));
        return Response.created(Locations.of(uri, "/v1/budget-entries/" + created.id())).entity(created).build();
    }
}
