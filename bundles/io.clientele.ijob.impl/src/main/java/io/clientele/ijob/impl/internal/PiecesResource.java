package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Piece;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/pieces/{id}}: a piece with its workflow and timeline; staff edit it (title, link to review), complete and reassign steps. */
@Path("/v1/pieces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "iJob")
@Component(service = PiecesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + IJobModule.ID})
public class PiecesResource {

    private final Pieces pieces;
    private final PieceWorkflow workflow;

    @Activate
    public PiecesResource(@Reference Pieces pieces, @Reference PieceWorkflow workflow) {
        this.pieces = pieces;
        this.workflow = workflow;
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
}
