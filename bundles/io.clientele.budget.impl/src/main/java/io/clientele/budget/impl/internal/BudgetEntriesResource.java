package io.clientele.budget.impl.internal;

import io.clientele.budget.impl.internal.Views.EntryView;
import io.clientele.budget.impl.internal.Views.Spend;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

/** {@code /api/v1/budget-entries/{id}}: one entry of a budget, and turning a commitment into spend. */
@Path("/v1/budget-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Budgets")
@Component(service = BudgetEntriesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + BudgetModule.ID})
public class BudgetEntriesResource {

    private final BudgetStore budgets;
    private final IdempotencyService idempotency;
    private final CustomerRights rights;

    @Activate
    public BudgetEntriesResource(@Reference BudgetStore budgets, @Reference IdempotencyService idempotency,
                                 @Reference CustomerRights rights) {
        this.budgets = budgets;
        this.rights = rights;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBudgetEntry", summary = "Read a budget entry")
    public EntryView get(@PathParam("id") String id) {
        return EntryView.of(budgets.getEntry(id));
    }

    @POST
    @Path("/{id}/spend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "spendBudgetEntry",
            summary = "Turn an open commitment into spend: adds a SPENT entry (the actual amount, default the committed one) "
            + "and closes the commitment (open=false, spentEntryId). 409 when the entry is spend or already turned into spend. "
            + "Honours Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    public Response spend(@PathParam("id") String id,
                          @Parameter(description = "a repeat with the same key returns the first result") @HeaderParam("Idempotency-Key") String key,
                          Spend request, @Context UriInfo uri) {
        rights.refusal(CustomerAction.BILL, budgets.get(budgets.getEntry(id).budgetId()).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        String fingerprint = String.valueOf(request.amount()) + "\u001f" + request.description();
        EntryView spent = idempotency.execute(key, "budget.spend:" + id, fingerprint, EntryView.class,
                () -> EntryView.of(budgets.spend(id, request.amount(), request.description())));
        return Response.created(Locations.of(uri, "/v1/budget-entries/" + spent.id())).entity(spent).build();
    }
}
