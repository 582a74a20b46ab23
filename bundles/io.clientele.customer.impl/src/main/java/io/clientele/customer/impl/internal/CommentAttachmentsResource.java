package io.clientele.customer.impl.internal;

import io.clientele.customer.impl.internal.CommentStore.Attachment;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.upload.FileNames;
import io.clientele.platform.api.upload.FileTypes;
import io.clientele.platform.api.upload.Upload;
import io.clientele.platform.api.upload.UploadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code POST /api/v1/comments/{id}/attachments}: attaches a file (multipart/form-data, part {@code file}) to a
 * comment. The body is streamed to a temporary file by the platform's {@link UploadService}, bounded by the configured size; the
 * type is decided by the file's bytes ({@link FileTypes}) and must agree with what the client declares.
 */
@Path("/v1/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = CommentAttachmentsResource.class, property = RestResource.PUBLISHED,
        configurationPid = "io.clientele.attachments", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AttachmentConfig.class)
public class CommentAttachmentsResource {

    private final CommentStore comments;
    private final UploadService uploads;
    private volatile long maxBytes;

    @Activate
    public CommentAttachmentsResource(@Reference CommentStore comments, @Reference UploadService uploads, AttachmentConfig config) {
        this.comments = comments;
        this.uploads = uploads;
        modified(config);
    }

    @Modified
    void modified(AttachmentConfig config) {
        this.maxBytes = Math.max(1, Math.min(config.maxBytes(), Integer.MAX_VALUE - 16L));
    }

    @POST
    @Path("/{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadCommentAttachment",
            summary = "Attach a file (multipart part 'file'): images, PDF, plain text or Office documents, checked by content. "
            + "Larger than the configured limit (default 10 MB): 413 as soon as the limit is passed; 503 with Retry-After when "
            + "the node is receiving as many uploads as it takes at once")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Attachment.class)))
    public Response upload(@PathParam("id") String commentId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context UriInfo uri)
            throws IOException {
        comments.requireComment(commentId);
        try (Upload file = uploads.receiveFile(contentType, contentLength, body, maxBytes)) {
            String detected = FileTypes.require(file, FileTypes.ALL, "PNG, JPEG, GIF or WebP images, PDF, plain UTF-8 text, "
                    + "or Word, Excel or PowerPoint (.docx, .xlsx, .pptx) documents");
            Attachment created;
            try (InputStream content = file.open()) {
                created = comments.attach(commentId, FileNames.sanitize(file.fileName()), detected, new Jdbc.BinaryStream(content, file.size()));
            }
            return Response.created(Locations.of(uri, "/v1/attachments/" + created.id())).entity(created).build();
        }
    }
}
