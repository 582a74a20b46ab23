package io.clientele.platform.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.OperatorEndpoint;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The rules {@link OpenApiResource#complete} applies, on a document of small resources defined here. */
class OpenApiDocumentTest {

    public record Thing(String id, String name, long version, Set<Role> roles) {
    }

    public record Things(List<Thing> items, String nextCursor) {
    }

    @Path("/v1/things")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Things")
    public static class ThingsResource {
        @GET
        @io.swagger.v3.oas.annotations.Operation(operationId = "listThings", summary = "List things")
        public Things list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
            return null;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @io.swagger.v3.oas.annotations.Operation(operationId = "createThing", summary = "Create a thing")
        @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = HttpHeaders.LOCATION),
                content = @Content(schema = @Schema(implementation = Thing.class)))
        public Response create(Thing thing) {
            return null;
        }

        @GET
        @Path("/{id}")
        @io.swagger.v3.oas.annotations.Operation(operationId = "getThing", summary = "Read a thing")
        public Thing get(@PathParam("id") String id) {
            return null;
        }

        @GET
        @Path("/{id}/file")
        @Produces(MediaType.WILDCARD)
        @io.swagger.v3.oas.annotations.Operation(operationId = "getThingFile", summary = "The thing's file")
        @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.WILDCARD,
                schema = @Schema(type = "string", format = "binary")))
        public Response file(@PathParam("id") String id) {
            return null;
        }

        @javax.ws.rs.DELETE
        @Path("/{id}/file")
        @io.swagger.v3.oas.annotations.Operation(operationId = "deleteThingFile", summary = "Remove the thing's file")
        @ApiResponse(responseCode = "204", description = "Removed")
        public Response deleteFile(@PathParam("id") String id) {
            return null;
        }

        @PATCH
        @Path("/{id}")
        @Consumes(MediaType.APPLICATION_JSON)
        @io.swagger.v3.oas.annotations.Operation(operationId = "updateThing", summary = "Change a thing")
        @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Thing.class)))
        public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               Map<String, Object> patch) {
            return null;
        }
    }

    /** A public, a contact's and the operator's endpoint in one class: the markers on methods count as on classes. */
    @Path("/v1/elsewhere")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Elsewhere")
    public static class ElsewhereResource {
        @POST
        @Path("/login")
        @PublicEndpoint
        @Consumes(MediaType.APPLICATION_JSON)
        @io.swagger.v3.oas.annotations.Operation(operationId = "loginThing", summary = "Log in")
        @ApiResponse(responseCode = "200", description = "Logged in", content = @Content(schema = @Schema(implementation = Thing.class)))
        @ApiResponse(responseCode = "401", description = "Wrong credentials")
        @ApiResponse(responseCode = "429", description = "Locked")
        public Thing login(Thing credentials) {
            return null;
        }

        @GET
        @Path("/portal/things")
        @PortalEndpoint
        @io.swagger.v3.oas.annotations.Operation(operationId = "listPortalThings", summary = "The contact's things")
        public Things portal() {
            return null;
        }

        @GET
        @Path("/platform/things")
        @OperatorEndpoint
        @io.swagger.v3.oas.annotations.Operation(operationId = "listPlatformThings", summary = "Every agency's things")
        public Things platform() {
            return null;
        }
    }

    private final OpenAPI api = OpenApiResource.read(Set.of(ThingsResource.class, ElsewhereResource.class));

    private static final String PROBLEM_REF = "#/components/schemas/" + OpenApiResource.PROBLEM;

    private Operation op(String path, String method) {
        var item = api.getPaths().get(path);
        assertNotNull(item, path);
        return switch (method) {
            case "GET" -> item.getGet();
            case "POST" -> item.getPost();
            case "PATCH" -> item.getPatch();
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static Set<String> codes(Operation op) {
        return new TreeSet<>(op.getResponses().keySet());
    }

    private static String scheme(Operation op) {
        List<SecurityRequirement> security = op.getSecurity();
        return security.isEmpty() ? null : security.get(0).keySet().iterator().next();
    }

    private static void assertProblem(Operation op, String code) {
        var response = op.getResponses().get(code);
        assertNotNull(response, op.getOperationId() + " " + code);
        var problem = response.getContent().get(Problem.MEDIA_TYPE);
        assertNotNull(problem, op.getOperationId() + " " + code + " is problem+json");
        assertEquals(PROBLEM_REF, problem.getSchema().get$ref());
    }

    @Test
    void aListAnswers200WithItsBodyAndTypesLimitAsPageRequestDoes() {
        Operation list = op("/v1/things", "GET");
        assertEquals(Set.of("200", "400", "401", "403", "406", "500", "503"), codes(list));
        assertNotNull(list.getResponses().get("200").getContent().get(MediaType.APPLICATION_JSON).getSchema());
        Parameter limit = list.getParameters().stream().filter(p -> p.getName().equals("limit")).findFirst().orElseThrow();
        assertEquals("integer", limit.getSchema().getType());
        assertEquals(1, limit.getSchema().getMinimum().intValue());
        assertEquals(500, limit.getSchema().getMaximum().intValue());
        assertEquals(OpenApiResource.STAFF, scheme(list));
        assertEquals(List.of("Things"), list.getTags());
        for (String code : List.of("400", "401", "403", "406", "500", "503")) {
            assertProblem(list, code);
        }
        assertTrue(list.getResponses().get("503").getHeaders().containsKey("Retry-After"));
    }

    @Test
    void aCreateDeclares201WithLocationAndTheBodysProblems() {
        Operation create = op("/v1/things", "POST");
        assertEquals(Set.of("201", "400", "401", "403", "406", "409", "413", "415", "500", "503"), codes(create));
        var location = create.getResponses().get("201").getHeaders().get(HttpHeaders.LOCATION);
        assertNotNull(location, "Location declared");
        assertEquals("string", location.getSchema().getType(), "a header needs a schema");
        assertEquals("uri", location.getSchema().getFormat());
        assertNotNull(create.getResponses().get("201").getContent().get(MediaType.APPLICATION_JSON).getSchema());
    }

    @Test
    void aPathParameterGives404AndIfMatchGives412() {
        assertEquals(Set.of("200", "401", "403", "404", "406", "500", "503"), codes(op("/v1/things/{id}", "GET")));
        Operation update = op("/v1/things/{id}", "PATCH");
        assertEquals(Set.of("200", "400", "401", "403", "404", "406", "409", "412", "413", "415", "500", "503"), codes(update));
        assertProblem(update, "412");
    }

    @Test
    void aPublicLoginHasNoSecurityAndItsDeclaredProblemsGetTheProblemSchema() {
        Operation login = op("/v1/elsewhere/login", "POST");
        assertEquals(List.of(), login.getSecurity());
        assertEquals(Set.of("200", "400", "401", "406", "409", "413", "415", "429", "500", "503"), codes(login));
        assertEquals("Wrong credentials", login.getResponses().get("401").getDescription());
        assertProblem(login, "401");
        assertProblem(login, "429");
        assertTrue(login.getResponses().get("429").getHeaders().containsKey("Retry-After"));
    }

    @Test
    void portalAndOperatorEndpointsHaveTheirOwnSchemes() {
        assertEquals(OpenApiResource.PORTAL, scheme(op("/v1/elsewhere/portal/things", "GET")));
        Operation operator = op("/v1/elsewhere/platform/things", "GET");
        assertEquals(OpenApiResource.OPERATOR, scheme(operator));
        assertTrue(codes(operator).contains("429"));
        var schemes = api.getComponents().getSecuritySchemes();
        assertEquals("bearer", schemes.get(OpenApiResource.PORTAL).getScheme());
        assertEquals("basic", schemes.get(OpenApiResource.OPERATOR).getScheme());
    }

    @Test
    void theProblemSchemaHasTheErrorFormatsFields() {
        var problem = api.getComponents().getSchemas().get(OpenApiResource.PROBLEM);
        assertEquals(Set.of("type", "title", "status", "detail", "code", "errors", "correlationId"),
                problem.getProperties().keySet());
        io.swagger.v3.oas.models.media.Schema<?> errors = (io.swagger.v3.oas.models.media.Schema<?>) problem.getProperties().get("errors");
        assertEquals("#/components/schemas/" + OpenApiResource.FIELD_ERROR, errors.getItems().get$ref());
        var fieldError = api.getComponents().getSchemas().get(OpenApiResource.FIELD_ERROR);
        assertEquals(Set.of("field", "message", "code", "params"), fieldError.getProperties().keySet(), "code and params added, optional");
        assertEquals(List.of("field", "message"), fieldError.getRequired());
    }

    /** A set of inline enums (swagger's reading of {@code Set<Role>}) broke openapi-generator's Java client. */
    @Test
    void theRoleEnumIsOneNamedComponent() {
        io.swagger.v3.oas.models.media.Schema<?> roles =
                (io.swagger.v3.oas.models.media.Schema<?>) api.getComponents().getSchemas().get("Thing").getProperties().get("roles");
        assertEquals("array", roles.getType());
        assertEquals("#/components/schemas/Role", roles.getItems().get$ref());
        assertEquals(List.of("ADMIN", "FINANCE", "SERVICE", "ASSISTANT", "COLLABORATOR"),
                api.getComponents().getSchemas().get("Role").getEnum());
    }

    @Test
    void a204WithoutBodyOrABinaryAnswerGetsNo406() {
        var item = api.getPaths().get("/v1/things/{id}/file");
        assertTrue(codes(item.getGet()).contains("200"));
        assertTrue(!codes(item.getGet()).contains("406"), "*/* cannot be refused");
        assertTrue(!codes(item.getDelete()).contains("406"), "no body, nothing to refuse");
    }
}
