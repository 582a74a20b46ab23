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
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.portal.impl.internal.PortalDocuments.StaffDocument;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.UriInfo;
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
    private final PortalDocuments documents;

    @Activate
    public PortalSettingsResource(@Reference PortalSettingsStore settings, @Reference PortalDocuments documents) {
        this.settings = settings;
        this.documents = documents;
    }

    /** {@code PUT …/logo}'s answer. */
    public record Logo(String logoUrl) {
    }

    public record AgencyDocumentPage(List<StaffDocument> items, String nextCursor) {
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

    @PUT
    @Path("/logo")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "replacePortalLogo",
            summary = "Upload the portal's logo (multipart part 'file'): a PNG, JPEG or WebP image checked by content (SVG and anything "
                    + "else: 415 naming 'file'); larger than the configured limit (default 512 KB): 413. logoUrl then points at the "
                    + "public /portal/agencies/{slug}/logo")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Logo.class)))
    public Logo putLogo(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        return new Logo(documents.replaceLogo(contentType, contentLength, body));
    }

    @DELETE
    @Path("/logo")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "deletePortalLogo", summary = "Remove the uploaded logo (logoUrl becomes null)")
    @ApiResponse(responseCode = "204", description = "Removed")
    public Response deleteLogo() {
        documents.removeLogo();
        return Response.noContent().build();
    }

    @GET
    @Path("/documents")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "listPortalAgencyDocuments", summary = "The agency's documents shown to every portal user, newest first")
    public AgencyDocumentPage agencyDocuments(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<StaffDocument> page = documents.agencyList(PageRequest.of(limit, cursor));
        return new AgencyDocumentPage(page.items(), page.nextCursor());
    }

    @POST
    @Path("/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "uploadPortalAgencyDocument",
            summary = "Add a document shown to every portal user in their Documents (multipart part 'file'; types checked by content)")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StaffDocument.class)))
    public Response uploadAgencyDocument(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                         @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body,
                                         @Context UriInfo uri) {
        StaffDocument created = documents.agencyUpload(contentType, contentLength, body);
        return Response.created(Locations.of(uri, "/v1/portal/settings/documents/" + created.id() + "/content")).entity(created).build();
    }

    @GET
    @Path("/documents/{id}/content")
    @Produces(MediaType.WILDCARD)
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "downloadPortalAgencyDocument", summary = "Download one of the agency's documents for every portal user")
    @ApiResponse(responseCode = "200", description = "The file as stored",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public Response agencyDocument(@PathParam("id") String id) {
        return DocumentDownload.of(documents.agencyContent(id));
    }

    @DELETE
    @Path("/documents/{id}")
    @AllowedRoles(Role.ADMIN)
    @Operation(operationId = "deletePortalAgencyDocument", summary = "Stop showing one of the agency's documents to portal users")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response deleteAgencyDocument(@PathParam("id") String id) {
        documents.agencyDelete(id);
        return Response.noContent().build();
    }
}
