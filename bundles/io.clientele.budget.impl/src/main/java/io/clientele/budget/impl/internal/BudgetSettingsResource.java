package io.clientele.budget.impl.internal;

import io.clientele.budget.impl.internal.Views.Settings;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/settings/budget}: the agency's warning threshold of the budget management report. */
@Path("/v1/settings/budget")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agency settings")
@Component(service = BudgetSettingsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + BudgetModule.ID})
public class BudgetSettingsResource {

    private final BudgetStore budgets;

    @Activate
    public BudgetSettingsResource(@Reference BudgetStore budgets) {
        this.budgets = budgets;
    }

    @GET
    @Operation(operationId = "getBudgetSettings", summary = "The % used at or above which a budget is WARNING (default 80.00)")
    public Settings get() {
        return new Settings(budgets.warningThreshold().toPlainString());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "replaceBudgetSettings", summary = "Set the warning threshold (0.01–100.00, decimal string)")
    public Settings put(Settings request) {
        return new Settings(budgets.setWarningThreshold(request.warningThresholdPercent()).toPlainString());
    }
}
