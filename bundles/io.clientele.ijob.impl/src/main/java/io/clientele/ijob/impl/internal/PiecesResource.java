package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Piece;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.clientele.platform.api.rest.Locations;
import java.io.InputStream;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
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
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/pieces/{id}}: a piece with its workflow and timeline; staff edit it (title, link to review), complete and
 * reassign steps, and upload the versions of the file the customer reviews ({@code /files}).
 */
@Path("/v1/pieces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "iJob")
@Component(service = PiecesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + IJobModule.ID})
public class PiecesResource {

    private final Pieces pieces;
    private final PieceWorkflow workflow;
    private final PieceFiles files;

    @Activate
    public PiecesResource(@Reference Pieces pieces, @Reference PieceWorkflow workflow, @Reference PieceFiles files) {
        this.pieces = pieces;
        this.workflow = workflow;
        this.files = files;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPiece", summary = "Read a piece with its steps and timeline; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Piece.class)))
    public Response get(@PathParam("id") String id) {
        Piece piece = pieces.getPiece(id);
        return Response.ok(piece).tag(ETags.of(piece.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePiece",
            summary = "Change a piece's title and/or reviewUrl, the http(s) link to what the customer reviews (JSON merge patch: "
            + "reviewUrl null removes it); If-Match honoured")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Piece.class)))
    @ApiResponse(responseCode = "400", description = "A bad title or reviewUrl, or a field that cannot change (code validation_failed)")
    @ApiResponse(responseCode = "412", description = "If-Match names another version")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        Piece piece = pieces.patchPiece(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(piece).tag(ETags.of(piece.version())).build();
    }

    @POST
    @Path("/{id}/steps/{stepId}/complete")
    @Operation(operationId = "completePieceStep",
            summary = "Complete an open TASK or CUSTOMER_ALTERATION step (its assignee, SERVICE or ADMIN); the next step opens. "
            + "A CUSTOMER_APPROVAL step is decided by the customer through the portal: 409")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Piece.class)))
    public Response complete(@PathParam("id") String id, @PathParam("stepId") String stepId) {
        Piece piece = workflow.completeStep(id, stepId);
        return Response.ok(piece).tag(ETags.of(piece.version())).build();
    }

    @PATCH
    @Path("/{id}/steps/{stepId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePieceStep",
            summary = "Change a step's assigneeId and/or dueAt (recorded on the piece's timeline)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Piece.class)))
    public Response patchStep(@PathParam("id") String id, @PathParam("stepId") String stepId, Map<String, Object> patch) {
        Piece piece = workflow.patchStep(id, stepId, patch);
        return Response.ok(piece).tag(ETags.of(piece.version())).build();
    }

    // ---- the file the customer reviews, in versions

    @POST
    @Path("/{id}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadPieceFile",
            summary = "Upload a new version of the file the customer reviews (multipart part 'file'): PNG, JPEG, WebP or GIF images, "
            + "PDF, MP4 or WebM videos, Word, Excel or PowerPoint documents or zip archives, checked by content (SVG, HTML and "
            + "anything else: 415 naming 'file'); larger than the configured limit (default 100 MB): 413. It becomes the current "
            + "version, of the approval round now due, and is on the piece's timeline (FILE_UPLOADED)")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PieceFiles.StaffFile.class)))
    public Response uploadFile(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context UriInfo uri) {
        PieceFiles.StaffFile created = files.upload(id, contentType, contentLength, body);
        return Response.created(Locations.of(uri, "/v1/pieces/" + created.pieceId() + "/files/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}/files")
    @Operation(operationId = "listPieceFiles",
            summary = "The versions of the piece's file, newest (the current one) first, each with its version number, approval round "
            + "and whether the customer has reviewed it")
    public PieceFiles.StaffFiles listFiles(@PathParam("id") String id) {
        return files.list(id);
    }

    @GET
    @Path("/{id}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadPieceFile", summary = "Download one version of the piece's file (Content-Disposition: attachment)")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its detected content type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public Response downloadFile(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        return FileDownload.of(files.content(id, fileId));
    }

    @DELETE
    @Path("/{id}/files/{fileId}")
    @Operation(operationId = "deletePieceFile",
            summary = "Delete a version the customer has not reviewed yet (one it has reviewed: 409); recorded on the timeline")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public Response deleteFile(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        files.delete(id, fileId);
        return Response.noContent().build();
    }
}
