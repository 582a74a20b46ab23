package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.upload.FileNames;
import io.clientele.platform.api.upload.FileTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/attachments/{id}}: downloads a comment's file (only for callers who can see its customer). */
@Path("/v1/attachments")
@Tag(name = "Customers")
@Component(service = AttachmentsResource.class, property = RestResource.PUBLISHED)
public class AttachmentsResource {

    private final CommentStore comments;

    @Activate
    public AttachmentsResource(@Reference CommentStore comments) {
        this.comments = comments;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadAttachment",
            summary = "Download an attachment with its content type, as a file (Content-Disposition: attachment)")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its content type", content = @Content(mediaType = "*/*",
            schema = @Schema(type = "string", format = "binary")))
    public Response download(@PathParam("id") String id) {
        CommentStore.StoredFile file = comments.file(id);
        String type = file.attachment().contentType();
        if (FileTypes.TEXT.equals(type)) {
            type = "text/plain; charset=UTF-8";
        }
        return Response.ok(file.content(), type)
                .header("Content-Disposition", FileNames.contentDisposition(file.attachment().fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }
}
