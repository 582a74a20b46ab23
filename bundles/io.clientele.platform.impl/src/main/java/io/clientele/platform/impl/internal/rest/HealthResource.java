package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.impl.internal.db.DatabaseManager;
import io.clientele.platform.api.module.ModuleDescriptor;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UP once Karaf has installed its boot features, every component of the always-on core bundles
 * ({@code Clientele-Core: true}) is up, and the database answers; DOWN (503) until then, with the reason when it is
 * the database (e.g. still recovering after a crash, or unreachable). Lists installed modules.
 */
@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@PublicEndpoint
@Tag(name = "Health")
@Component(service = HealthResource.class, property = RestResource.PUBLISHED)
public class HealthResource {

    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Database database;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ModuleRegistry modules;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DatabaseManager databaseManager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;

    private final BundleContext context;

    @Activate
    public HealthResource(BundleContext context) {
        this.context = context;
    }

    /** {@code reason}: why the platform is DOWN, when it is known (null when UP). */
    public record Health(String status, List<String> modules, String reason) {
    }

    /** Boot features installed, and no component of a core bundle waiting for a reference or failed. */
    private boolean coreStarted() {
        ServiceComponentRuntime scr = components;
        if (scr == null || context.getServiceReference("org.apache.karaf.features.BootFinished") == null) {
            return false;
        }
        Bundle[] core = Arrays.stream(context.getBundles())
                .filter(b -> "true".equals(b.getHeaders().get("Clientele-Core"))).toArray(Bundle[]::new);
        for (Bundle b : core) {
            if (b.getState() != Bundle.ACTIVE) {
                return false;
            }
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(core)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    return false;
                }
            }
        }
        return true;
    }

    @GET
    @Operation(operationId = "getHealth", summary = "Platform health and installed modules")
    @ApiResponse(responseCode = "200", description = "UP", content = @Content(schema = @Schema(implementation = Health.class)))
    @ApiResponse(responseCode = "503", description = "DOWN, with the reason (Retry-After)",
            content = @Content(schema = @Schema(implementation = Health.class)))
    public Response health() {
        Database db = database;
        ModuleRegistry registry = modules;
        boolean up = false;
        String reason = null;
        DatabaseManager manager = databaseManager;
        if (db == null) {
            reason = manager == null ? "the database is not open yet" : manager.unavailableReason().orElse("the database is not open yet");
        } else if (registry == null || !coreStarted()) {
            reason = "the platform is starting";
        } else {
            try {
                up = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM platform_secret")) >= 0;
            } catch (RuntimeException e) {
                reason = "the database does not answer";
                LOG.warn("health check: database unreachable: {}", e.getMessage());
            }
        }
        List<String> installed = registry == null ? List.of() : registry.installed().stream().map(ModuleDescriptor::id).toList();
        Response.ResponseBuilder answer = Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", installed, reason));
        return up ? answer.build() : answer.header("Retry-After", 5).build();
    }
}
