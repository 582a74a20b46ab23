package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.module.ModuleStatus;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/modules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
@Component(service = ModulesResource.class, property = RestResource.PUBLISHED)
public class ModulesResource {

    private final ModuleRegistry modules;

    @Activate
    public ModulesResource(@Reference ModuleRegistry modules) {
        this.modules = modules;
    }

    @GET
    @Operation(operationId = "listModules", summary = "Installed modules and whether each is enabled for the agency")
    public List<ModuleStatus> list() {
        return modules.statusFor(RequestContext.agencyId());
    }
}
