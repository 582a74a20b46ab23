package io.clientele.portal.impl.internal;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/portal/agencies/{slug}}: what the portal shows before anyone logs in — the agency's name and logo. Public
 * (no authentication) and cacheable; an unknown slug is 404, an agency without the portal module has no logo.
 */
@Path("/v1/portal/agencies/{slug}")
@PublicEndpoint
@Tag(name = "Portal")
@Component(service = PortalBrandingResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalBrandingResource {

    /** Branding may change: caches keep it a minute. The logo's URL changes with the logo: caches keep it a day. */
    static final String BRANDING_CACHE = "public, max-age=60";
    static final String LOGO_CACHE = "public, max-age=86400";

    private final AgencyDirectory agencies;
    private final PortalSettingsStore settings;
    private final PortalDocuments documents;

    @Activate
    public PortalBrandingResource(@Reference AgencyDirectory agencies, @Reference PortalSettingsStore settings,
                                  @Reference PortalDocuments documents) {
        this.agencies = agencies;
        this.settings = settings;
        this.documents = documents;
    }

    /** The agency's name and its logo's URL (null: none). */
    public record Branding(String name, String logoUrl) {
    }

    @GET
    @Path("/branding")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPortalBranding", summary = "The agency's name and logo URL for the portal's pages (public, cacheable)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Branding.class)))
    public Response branding(@PathParam("slug") String slug) {
        Agency agency = agency(slug);
        String logoUrl = agencies.isSubscribed(agency.id(), PortalModule.ID) ? asAgency(agency, () -> settings.settings().logoUrl()) : null;
        return Response.ok(new Branding(agency.name(), logoUrl)).header(HttpHeaders.CACHE_CONTROL, BRANDING_CACHE).build();
    }

    @GET
    @Path("/logo")
    @Produces({"image/png", "image/jpeg", "image/webp"})
    @Operation(operationId = "getPortalLogo", summary = "The agency's uploaded portal logo (public, cacheable; none: 404)")
    @ApiResponse(responseCode = "200", description = "The image",
            content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
    public Response logo(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Agency agency = agency(slug);
        if (!agencies.isSubscribed(agency.id(), PortalModule.ID)) {
            throw ProblemException.notFound("Logo of " + slug);
        }
        PortalDocuments.Stored logo = asAgency(agency, documents::logo).orElseThrow(() -> ProblemException.notFound("Logo of " + slug));
        EntityTag tag = new EntityTag(logo.sha256());
        if (ifNoneMatch != null && ifNoneMatch.contains(logo.sha256())) {
            return Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, LOGO_CACHE).build();
        }
        return Response.ok(logo.content(), logo.contentType()).tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, LOGO_CACHE)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'")
                .build();
    }

    private Agency agency(String slug) {
        if (slug == null || slug.length() > 100) {
            throw ProblemException.notFound("Agency " + slug);
        }
        return agencies.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("Agency " + slug));
    }

    private static <T> T asAgency(Agency agency, java.util.function.Supplier<T> work) {
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "portal branding"), work);
    }
}
