package io.clientele.ijob.impl.internal;

import io.clientele.ijob.impl.internal.PortalJobRequests.PortalJob;
import io.clientele.ijob.impl.internal.PortalPieces.PortalPiece;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/portal/pieces} and {@code /api/v1/portal/jobs}: the iJob approval dashboard of a customer's contact.
 * Only pieces of iJob-flagged jobs of the contact's own customer (with portal access) are reachable; others are 404.
 */
@Path("/v1/portal")
@Produces(MediaType.APPLICATION_JSON)
@PortalEndpoint
@Tag(name = "Portal iJob")
@Component(service = PortalPiecesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + IJobModule.ID})
public class PortalPiecesResource {

    private final io.clientele.ijob.impl.internal.PortalPieces pieces; // the component; PortalPieces here is the list's JSON shape
    private final PortalJobRequests requests;

    @Activate
    public PortalPiecesResource(@Reference io.clientele.ijob.impl.internal.PortalPieces pieces, @Reference PortalJobRequests requests) {
        this.pieces = pieces;
        this.requests = requests;
    }

    public record PortalPieces(List<PortalPiece> items) {
    }

    @GET
    @Path("/pieces")
    @Operation(operationId = "listPortalPieces",
            summary = "The customer's pieces, those awaiting its approval (actionable) first")
    public PortalPieces pieces() {
        return new PortalPieces(pieces.list());
    }

    @GET
    @Path("/pieces/{id}")
    @Operation(operationId = "getPortalPiece",
            summary = "Read one piece of the contact's customer, with the current version of the file to review and the earlier ones")
    public PortalPiece piece(@PathParam("id") String id) {
        return pieces.get(id);
    }

    @GET
    @Path("/pieces/{id}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadPortalPieceFile",
            summary = "Download one version of the file to review of a piece of the contact's customer (another customer's: 404)")
    @ApiResponse(responseCode = "200", description = "The file as stored, with its detected content type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public Response file(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        return FileDownload.of(pieces.file(id, fileId));
    }

    @POST
    @Path("/pieces/{id}/approve")
    @Operation(operationId = "approvePortalPiece",
            summary = "Approve the piece awaiting the customer; the next step opens, or the piece is finished")
    public PortalPiece approve(@PathParam("id") String id) {
        return pieces.approve(id);
    }

    @POST
    @Path("/pieces/{id}/request-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestPortalPieceChanges",
            summary = "Request changes {comment}: the agency team is notified and a Customer Alteration step is inserted")
    public PortalPiece requestChanges(@PathParam("id") String id, Inputs.ChangeRequest request) {
        return pieces.requestChanges(id, request);
    }

    public record PortalJobs(List<PortalJob> items) {
    }

    @GET
    @Path("/jobs")
    @Operation(operationId = "listPortalJobs",
            summary = "The iJob jobs of the contact's customer, newest first (a job the agency opened shows no briefing)")
    public PortalJobs jobs() {
        return new PortalJobs(requests.list());
    }

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPortalJob",
            summary = "Request a job {customerId, title, briefing} for the contact's customer, or any customer of its group "
            + "when the contact may open jobs for the group")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PortalJob.class)))
    public Response openJob(Inputs.NewPortalJob request) {
        PortalJob job = requests.open(request);
        return Response.status(Response.Status.CREATED).entity(job).build();
    }
}
