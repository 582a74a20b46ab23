package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalSettings;
import io.clientele.portal.api.PortalTab;
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

/** {@code /api/v1/portal/tabs}: the tabs the contact's agency switched on, for the portal app's navigation. */
@Path("/v1/portal/tabs")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalTabsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalTabsResource {

    private final PortalSettingsStore settings;
    private final PortalGate gate;

    @Activate
    public PortalTabsResource(@Reference PortalSettingsStore settings, @Reference PortalGate gate) {
        this.settings = settings;
        this.gate = gate;
    }

    public record Tabs(List<String> tabs, String logoUrl) {
    }

    @GET
    @Operation(operationId = "listPortalTabs", summary = "The tabs the contact may open (labels such as Home, ServiceNotes) and the agency's logo")
    public Tabs tabs() {
        gate.contact();
        PortalSettings s = settings.settings();
        return new Tabs(settings.openTabs().stream().map(PortalTab::label).toList(), s.logoUrl());
    }
}
