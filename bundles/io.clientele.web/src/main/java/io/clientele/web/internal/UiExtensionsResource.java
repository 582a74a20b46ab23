package io.clientele.web.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.PrincipalKind;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.rest.SessionEndpoint;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.web.WebExtension;
import io.clientele.platform.api.web.WebExtensionGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/v1/ui/extensions?app=portal|app}: the screens the caller's web app shows, built on each request from
 * the {@link WebExtension} services registered at that moment (a module installed or removed live changes the answer
 * at once) and what the caller's agency and the caller may see.
 */
@Path("/v1/ui/extensions")
@Produces(MediaType.APPLICATION_JSON)
@SessionEndpoint
@Tag(name = "Web apps")
@Component(service = UiExtensionsResource.class, property = RestResource.PUBLISHED)
public class UiExtensionsResource {

    private final AgencyDirectory agencies;
    private final List<WebExtension> extensions = new CopyOnWriteArrayList<>();
    private final List<WebExtensionGate> gates = new CopyOnWriteArrayList<>();

    public record Extensions(String app, List<ExtensionCatalog.Item> items) {
    }

    @Activate
    public UiExtensionsResource(@Reference AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addExtension(WebExtension extension) {
        extensions.add(extension);
    }

    void removeExtension(WebExtension extension) {
        extensions.remove(extension);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addGate(WebExtensionGate gate) {
        gates.add(gate);
    }

    void removeGate(WebExtensionGate gate) {
        gates.remove(gate);
    }

    @GET
    @Operation(operationId = "listUiExtensions",
            summary = "The screens modules contribute to a web app (portal: for a contact; app: for a staff user), as registered now")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Extensions.class)))
    @ApiResponse(responseCode = "400", description = "app is neither portal nor app (code validation_failed)")
    @ApiResponse(responseCode = "403", description = "The app is not the caller's: portal is for contacts, app for staff (code forbidden)")
    public Response list(@QueryParam("app") String app) {
        if (!WebExtension.APP_PORTAL.equals(app) && !WebExtension.APP_AGENCY.equals(app)) {
            throw new ProblemException(400, "validation_failed", "Name the web app.",
                    List.of(new FieldError("app", "must be portal or app")), null);
        }
        Principal caller = RequestContext.principal();
        PrincipalKind expected = WebExtension.APP_PORTAL.equals(app) ? PrincipalKind.CONTACT : PrincipalKind.STAFF;
        if (caller.kind() != expected) {
            throw ProblemException.forbidden(WebExtension.APP_PORTAL.equals(app)
                    ? "The portal's screens are for customers' contacts." : "The agency app's screens are for staff users.");
        }
        List<ExtensionCatalog.Item> items = ExtensionCatalog.visible(app, caller, List.copyOf(extensions), List.copyOf(gates),
                agencies::isSubscribed);
        return Response.ok(new Extensions(app, items)).header("Cache-Control", "no-store").build();
    }
}
