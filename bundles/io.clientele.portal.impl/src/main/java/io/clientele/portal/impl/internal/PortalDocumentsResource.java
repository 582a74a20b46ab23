package io.clientele.portal.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.api.PortalTab;
import io.clientele.portal.impl.internal.PortalDocuments.ContactDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/portal/documents} (tab Documents): the contact's customer's documents (its contacts' uploads and those
 * the agency shared with it) and the agency's documents for every portal user; upload and download.
 */
@Path("/v1/portal/documents")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal")
@Component(service = PortalDocumentsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class PortalDocumentsResource {

    private final PortalDocuments documents;
    private final PortalGate gate;

    @Activate
    public PortalDocumentsResource(@Reference PortalDocuments documents, @Reference PortalGate gate) {
        this.documents = documents;
        this.gate = gate;
    }

    public record DocumentPage(List<ContactDocument> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listPortalDocuments",
            summary = "The customer's documents (uploaded by its contacts or shared by the agency) and the agency's for every portal user, newest first")
    public DocumentPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Contact contact = gate.enter(PortalTab.DOCUMENTS);
        Page<ContactDocument> page = documents.listFor(contact, PageRequest.of(limit, cursor));
        return new DocumentPage(page.items(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadPortalDocument",
            summary = "Upload a document for the customer (multipart part 'file'): PDF, PNG, JPEG or WebP images, Word, Excel or "
                    + "PowerPoint documents, checked by content (415 naming 'file' otherwise); larger than the configured limit "
                    + "(default 10 MB): 413")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ContactDocument.class)))
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context UriInfo uri) {
        Contact contact = gate.enter(PortalTab.DOCUMENTS);
        ContactDocument created = documents.upload(contact, contentType, contentLength, body);
        return Response.created(Locations.of(uri, "/v1/portal/documents/" + created.id() + "/content")).entity(created).build();
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadPortalDocument", summary = "Download a document the contact sees (another customer's: 404)")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its detected content type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public Response download(@PathParam("id") String id) {
        Contact contact = gate.enter(PortalTab.DOCUMENTS);
        return DocumentDownload.of(documents.contentFor(contact, id));
    }
}
