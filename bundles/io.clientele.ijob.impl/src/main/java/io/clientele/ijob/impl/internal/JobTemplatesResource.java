package io.clientele.ijob.impl.internal;

import io.clientele.ijob.api.JobTemplate;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.AllowedRoles;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.Locations;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

/** {@code /api/v1/job-templates}: templates jobs are opened from. Everyone reads; ADMIN, SERVICE and ASSISTANT write. */
@Path("/v1/job-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "iJob")
@Component(service = JobTemplatesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + IJobModule.ID})
public class JobTemplatesResource {

    private final TemplateStore templates;

    @Activate
    public JobTemplatesResource(@Reference TemplateStore templates) {
        this.templates = templates;
    }

    public record Templates(List<JobTemplate> items) {
    }

    @GET
    @Operation(operationId = "listJobTemplates", summary = "Job templates of the agency, by name")
    public Templates list() {
        return new Templates(templates.list());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getJobTemplate", summary = "Read a job template; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = JobTemplate.class)))
    public Response get(@PathParam("id") String id) {
        JobTemplate t = templates.get(id);
        return Response.ok(t).tag(ETags.of(t.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles({Role.ADMIN, Role.SERVICE, Role.ASSISTANT})
    @Operation(operationId = "createJobTemplate",
            summary = "Create a job template {name, briefingQuestions, pieces:[{title, steps:[{type, name, assigneeId, dueInDays}]}]}")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = JobTemplate.class)))
    public Response create(@Context UriInfo uri, Inputs.TemplateInput input) {
        JobTemplate t = templates.create(input);
        return Response.created(Locations.of(uri, "/v1/job-templates/" + t.id())).entity(t).tag(ETags.of(t.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles({Role.ADMIN, Role.SERVICE, Role.ASSISTANT})
    @Operation(operationId = "replaceJobTemplate",
            summary = "Replace a job template (jobs already opened from it keep their pieces); If-Match honoured")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = JobTemplate.class)))
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Inputs.TemplateInput input) {
        JobTemplate t = templates.replace(id, ETags.expectedVersion(ifMatch), input);
        return Response.ok(t).tag(ETags.of(t.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @AllowedRoles({Role.ADMIN, Role.SERVICE, Role.ASSISTANT})
    @Operation(operationId = "deleteJobTemplate", summary = "Delete a job template")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response delete(@PathParam("id") String id) {
        templates.delete(id);
        return Response.noContent().build();
    }
}
