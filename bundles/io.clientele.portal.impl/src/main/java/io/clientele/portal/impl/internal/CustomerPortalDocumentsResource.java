package io.clientele.portal.impl.internal;

import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.portal.impl.internal.PortalDocuments.StaffDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
 * {@code /api/v1/customers/{id}/portal-documents}: a customer's portal documents for staff who see the customer — what its
 * contacts uploaded (who and when) and what staff shared with it (visible to the customer's contacts in the portal).
 * A staff upload notifies nobody; it shows in the customer's portal history.
 */
@Path("/v1/customers/{customerId}/portal-documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service desk")
@Component(service = CustomerPortalDocumentsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + PortalModule.ID})
public class CustomerPortalDocumentsResource {

    private final PortalDocuments documents;

    @Activate
    public CustomerPortalDocumentsResource(@Reference PortalDocuments documents) {
        this.documents = documents;
    }

    public record StaffDocumentPage(List<StaffDocument> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listCustomerPortalDocuments",
            summary = "The customer's portal documents, newest first, with who uploaded each (uploaderKind CONTACT or STAFF) and when")
    public StaffDocumentPage list(@PathParam("customerId") String customerId, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        Page<StaffDocument> page = documents.staffList(customerId, PageRequest.of(limit, cursor));
        return new StaffDocumentPage(page.items(), page.nextCursor());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadCustomerPortalDocument",
            summary = "Share a document with the customer's contacts (multipart part 'file'; types checked by content as the portal's)")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StaffDocument.class)))
    public Response upload(@PathParam("customerId") String customerId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context UriInfo uri) {
        StaffDocument created = documents.staffUpload(customerId, contentType, contentLength, body);
        return Response.created(Locations.of(uri, "/v1/customers/" + customerId + "/portal-documents/" + created.id() + "/content"))
                .entity(created).build();
    }

    @GET
    @Path("/{docId}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadCustomerPortalDocument", summary = "Download one of the customer's portal documents")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its detected content type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public Response download(@PathParam("customerId") String customerId, @PathParam("docId") String docId) {
        return DocumentDownload.of(documents.staffContent(customerId, docId));
    }

    @DELETE
    @Path("/{docId}")
    @Operation(operationId = "deleteCustomerPortalDocument", summary = "Delete one of the customer's portal documents (its contacts no longer see it)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("customerId") String customerId, @PathParam("docId") String docId) {
        documents.staffDelete(customerId, docId);
        return Response.noContent().build();
    }
}
