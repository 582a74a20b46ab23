package io.clientele.portal.impl.internal;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalSettings;
import io.clientele.portal.impl.internal.PortalSettingsStore.Sample;
import io.clientele.portal.impl.internal.PortalSettingsStore.SettingsInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/portal/settings}: the agency's customer-portal settings (ADMIN; FINANCE for the payment settings). */
@Path("/v1/portal/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portal settings")
@AllowedRoles({Role.ADMIN, Role.FINANCE})
@Component(service = PortalSettingsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalSettingsResource {

    private final PortalSettingsStore settings;

    @Activate
    public PortalSettingsResource(@Reference PortalSettingsStore settings) {
        this.settings = settings;
    }

    /** {@code POST …/sample-email}'s body. */
    public record SampleRequest(String to) {
    }

    @GET
    @Operation(operationId = "getPortalSettings",
            summary = "The portal's tabs, logins switch, invitation and auto-charge e-mail texts and logo; the ETag is the version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSettings.class)))
    public Response get() {
        PortalSettings s = settings.settings();
        return Response.ok(s).tag(ETags.of(s.version())).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replacePortalSettings",
            summary = "Replace the settings (If-Match honoured). HTML is sanitised on save (allow-list; scripts, event handlers and "
                    + "javascript: links are dropped); placeholders {{contactName}}, {{activationLink}}, {{agencyName}}. "
                    + "Jobs only while the agency has ijob. FINANCE may change only autoChargeEmailHtml and the Payments tab")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PortalSettings.class)))
    public Response put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, SettingsInput input) {
        PortalSettings saved = settings.replace(input, ifMatch);
        return Response.ok(saved).tag(ETags.of(saved.version())).build();
    }

    @POST
    @Path("/sample-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "sendPortalSampleEmail",
            summary = "E-mail the agency's invitation text with sample values (its link activates nothing) to {to}, through the outbox")
    @ApiResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = Sample.class)))
    public Response sample(SampleRequest request) {
        Sample sent = settings.sendSample(request == null ? null : request.to());
        return Response.accepted(sent).build();
    }
}
