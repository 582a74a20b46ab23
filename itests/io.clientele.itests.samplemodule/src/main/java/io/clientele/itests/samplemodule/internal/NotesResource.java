package io.clientele.itests.samplemodule.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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

/** {@code /api/v1/sample/notes}: the module's endpoints, tenant-scoped, answering 403 when not subscribed. */
@Path("/v1/sample/notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sample notes")
@Component(service = NotesResource.class, property = {RestResource.PUBLISHED, RestResource.MODULE + "=" + SampleModule.ID})
public class NotesResource {

    private final TenantTable notes;

    @Activate
    public NotesResource(@Reference Database database, @Reference SampleModule module) {
        this.notes = new TenantTable(database, "sample_note");
    }

    public record Note(String id, String text, Instant createdAt) {
    }

    public record NewNote(@NotBlank @Size(max = 500) String text) {
    }

    public record Notes(List<Note> items) {
    }

    @GET
    @Operation(operationId = "listSampleNotes", summary = "List the sample notes")
    public Notes list() {
        return new Notes(notes.find(null, List.of(), "created_at, id", 500,
                rs -> new Note(rs.getString("id"), rs.getString("text"), Jdbc.instant(rs, "created_at"))));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSampleNote", summary = "Read a sample note")
    public Note get(@PathParam("id") String id) {
        return notes.findById(id, rs -> new Note(rs.getString("id"), rs.getString("text"), Jdbc.instant(rs, "created_at")))
                .orElseThrow(() -> ProblemException.notFound("Note " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSampleNote", summary = "Write a sample note")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Note.class)))
    public Response create(NewNote request) {
        Map<String, Object> row = new LinkedHashMap<>();
        String id = Jdbc.newId();
        row.put("id", id);
        row.put("text", request.text());
        row.put("created_at", Instant.now());
        notes.insert(row);
        return Response.created(URI.create("/api/v1/sample/notes/" + id)).entity(get(id)).build();
    }
}
