package io.clientele.customer.impl.internal;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/settings/customer-required-fields}: which customer fields a save must have. */
@Path("/v1/settings/customer-required-fields")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agency settings")
@Component(service = CustomerSettingsResource.class, property = RestResource.PUBLISHED)
public class CustomerSettingsResource {

    private final SettingsStore settings;

    @Activate
    public CustomerSettingsResource(@Reference SettingsStore settings) {
        this.settings = settings;
    }

    public record RequiredFields(@NotNull @Size(max = 30) List<@NotNull String> fields) {
    }

    @GET
    @Operation(operationId = "getCustomerRequiredFields",
            summary = "The customer fields this agency requires (default: name and companyName)")
    public RequiredFields get() {
        return new RequiredFields(settings.requiredFields());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "replaceCustomerRequiredFields",
            summary = "Choose the required customer fields; name is always required")
    public RequiredFields put(RequiredFields request) {
        return new RequiredFields(settings.setRequiredFields(request.fields()));
    }
}
