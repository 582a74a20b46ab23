package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.Job;
import io.clientele.ijob.api.Piece;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
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

/** {@code /api/v1/jobs}: jobs of the customers the caller may see, and their pieces. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "iJob")
@Component(service = JobsResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + IJobModule.ID})
public class JobsResource {

    private final Jobs jobs;
    private final JobOpening opening;
    private final io.clientele.ijob.impl.internal.Pieces pieces;  // the component; Pieces here is the list's JSON shape

    @Activate
    public JobsResource(@Reference Jobs jobs, @Reference JobOpening opening, @Reference io.clientele.ijob.impl.internal.Pieces pieces) {
        this.jobs = jobs;
        this.opening = opening;
        this.pieces = pieces;
    }

    public record Pieces(List<Piece> items) {
    }

    @GET
    @Operation(operationId = "listJobs",
            summary = "Jobs, newest first, of one customer (customerId) or of every customer the caller may see; keyset-paged")
    public Page<Job> list(@QueryParam("customerId") String customerId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return jobs.listJobs(customerId, page.limit(), page.cursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createJob",
            summary = "Open a job {customerId, title, ijob, templateId, budgetId, briefing, estimatedCost}; a template's pieces and steps are copied; estimatedCost is committed against the budget")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Jobs.JobDetail.class)))
    public Response create(@Context UriInfo uri, Inputs.NewJob input) {
        Job job = opening.open(input);
        return Response.created(Locations.of(uri, "/v1/jobs/" + job.id())).entity(jobs.detail(job)).tag(ETags.of(job.version())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getJob",
            summary = "A job; with the budget it draws on (id, currency, amount, remaining, committedForJob) while the budget module is on")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Jobs.JobDetail.class)))
    public Response get(@PathParam("id") String id) {
        Job job = jobs.getJob(id);
        return Response.ok(jobs.detail(job)).tag(ETags.of(job.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateJob",
            summary = "Change a job's title, ijob flag, budgetId or briefing (JSON merge patch); If-Match honoured")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Jobs.JobDetail.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        Job job = jobs.patchJob(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(jobs.detail(job)).tag(ETags.of(job.version())).build();
    }

    @GET
    @Path("/{id}/pieces")
    @Operation(operationId = "listJobPieces", summary = "The pieces of a job")
    public Pieces pieces(@PathParam("id") String id) {
        return new Pieces(pieces.listPieces(id));
    }

    @POST
    @Path("/{id}/pieces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createJobPiece",
            summary = "Add a piece {title, reviewUrl, steps:[{type: TASK|CUSTOMER_APPROVAL, name, assigneeId, dueAt}]} (reviewUrl: optional http(s) "
            + "link to what the customer reviews); its first step opens")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Piece.class)))
    public Response createPiece(@Context UriInfo uri, @PathParam("id") String id, Inputs.NewPiece input) {
        Piece piece = pieces.createPiece(id, input);
        return Response.created(Locations.of(uri, "/v1/pieces/" + piece.id())).entity(piece).tag(ETags.of(piece.version())).build();
    }
}
