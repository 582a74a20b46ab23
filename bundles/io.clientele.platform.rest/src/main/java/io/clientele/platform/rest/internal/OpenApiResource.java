package io.clientele.platform.rest.internal;

import io.clientele.platform.api.Role;
import io.clientele.platform.api.rest.OperatorEndpoint;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.PortalEndpoint;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;

/**
 * {@code GET /api/openapi.json}: OpenAPI 3 generated from the resources published right now, so a module's
 * operations appear when it is installed and disappear when it is removed.
 *
 * <p>swagger-core's {@link Reader} reads the resources' annotations (each method names its {@code operationId},
 * {@code summary} and, when it returns a {@code Response}, its success answer; each class its tag); then
 * {@link #complete} finishes the document by these rules, in this one place:
 * <ul>
 *   <li><b>Security.</b> {@link PublicEndpoint} operations get none; {@link OperatorEndpoint} ones
 *       {@value #OPERATOR} (HTTP Basic); {@link PortalEndpoint} ones {@value #PORTAL} (a contact's bearer token
 *       from the portal login); every other one {@value #STAFF} (a user's bearer token).</li>
 *   <li><b>Success.</b> An operation whose only answer is swagger's {@code default} (a method returning its body)
 *       answers it as {@code 200}.</li>
 *   <li><b>Headers.</b> A response header declared without a schema is a string ({@code Location} a URI), as
 *       OpenAPI requires a header to have a schema or content.</li>
 *   <li><b>Named enums.</b> An inline enum with exactly the values of one of {@link #NAMED_ENUMS} (the platform's
 *       {@link Role}, …) becomes a reference to that component, so a generated client has one type for it (and
 *       generators do not trip over sets of inline enums).</li>
 *   <li><b>{@code limit}.</b> A query parameter {@code limit} the method does not type itself is
 *       {@link PageRequest}'s: an integer from 1 to {@value PageRequest#MAX_LIMIT}, default
 *       {@value PageRequest#DEFAULT_LIMIT}.</li>
 *   <li><b>Problems.</b> Every error answer is {@code application/problem+json} with the {@value #PROBLEM} schema
 *       (components), so an error answer a method declares without content gets it. Besides those a method declares
 *       (a login's 401 and 429, …), an operation gets, unless it declares that status itself:
 *       <ul>
 *         <li>400 ({@code malformed_request}, {@code validation_failed}): it has a request body or a query
 *             parameter;</li>
 *         <li>401 ({@code unauthorized}) and 403 ({@code forbidden}, {@code module_not_enabled}, a role or portal
 *             tab refused): it is not public;</li>
 *         <li>404 ({@code not_found}): its path has a {@code {…}} parameter;</li>
 *         <li>409 ({@code conflict}): it is a POST, PUT, PATCH or DELETE (a uniqueness or state conflict, an
 *             {@code Idempotency-Key} reused for another request, or a database deadlock);</li>
 *         <li>412 ({@code precondition_failed}): it reads an {@code If-Match} header ({@code ETags});</li>
 *         <li>406 ({@code not_acceptable}): it answers a body of a media type of its own (not {@code *}{@code /*}),
 *             which an {@code Accept} header may refuse;</li>
 *         <li>413 ({@code payload_too_large}) and 415 ({@code unsupported_media_type}): it has a request body;</li>
 *         <li>429 ({@code rate_limited}, with {@code Retry-After}): it is an operator endpoint (its Basic
 *             credentials are counted like a login);</li>
 *         <li>500 ({@code internal_error}) and 503 ({@code service_unavailable}, with {@code Retry-After}): every
 *             operation.</li>
 *       </ul></li>
 * </ul>
 */
@Path("/openapi.json")
@PublicEndpoint
public class OpenApiResource {

    /** Security scheme of staff users' bearer tokens. */
    static final String STAFF = "bearer";
    /** Security scheme of customers' contacts' bearer tokens (portal endpoints). */
    static final String PORTAL = "portalBearer";
    /** Security scheme of the platform operator (HTTP Basic). */
    static final String OPERATOR = "operator";
    /** Name of the error body's schema in components. */
    static final String PROBLEM = "Problem";
    /** Name of the schema of one bad field of a problem ({@code errors} items) in components. */
    static final String FIELD_ERROR = "FieldError";
    /** Enums of the platform API that the document names as components rather than repeating them inline. */
    static final Map<String, Class<? extends Enum<?>>> NAMED_ENUMS = Map.of("Role", Role.class);

    private static final Map<String, String> PROBLEM_DESCRIPTIONS = problemDescriptions();
    private static final String RETRY_AFTER = "Retry-After";

    private final RestPublisher publisher;
    /** Counts the changes of the published resources: a document built before a change is never kept after it. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private volatile Cached cached;

    private record Cached(long changes, String document) {
    }

    OpenApiResource(RestPublisher publisher) {
        this.publisher = publisher;
        publisher.onChange(() -> {
            changes.incrementAndGet();
            cached = null;
        });
    }

    @GET
    @Produces(javax.ws.rs.core.MediaType.APPLICATION_JSON)
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    public String document() throws Exception {
        long seen = changes.get();
        Cached c = cached;
        if (c != null && c.changes() == seen) {
            return c.document();
        }
        // a resource published while this builds bumps the count: the document is answered but not kept
        String doc = build(publisher.publishedClasses());
        if (changes.get() == seen) {
            cached = new Cached(seen, doc);
        }
        return doc;
    }

    static String build(Set<Class<?>> resources) throws Exception {
        return Json.mapper().writeValueAsString(read(resources));
    }

    /** The document of these resource classes, completed by the class's rules. */
    static OpenAPI read(Set<Class<?>> resources) {
        Set<Class<?>> classes = new HashSet<>(resources);
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Clientele API").version("v1")
                        .description("Customer platform for agencies. Errors are application/problem+json."))
                .servers(List.of(new Server().url("/api")))
                .components(new Components()
                        .addSecuritySchemes(STAFF, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A user's access token (POST /v1/auth/login)"))
                        .addSecuritySchemes(PORTAL, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A customer contact's access token (POST /v1/portal/auth/login)"))
                        .addSecuritySchemes(OPERATOR, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The platform operator (Karaf realm karaf, role admin)")));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Reader.class.getClassLoader());
        try {
            OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base).readAllResources(true)).read(classes);
            complete(api, classes);
            return api;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Applies the rules of the class's Javadoc to every operation of {@code api}. */
    static void complete(OpenAPI api, Set<Class<?>> classes) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(FIELD_ERROR, fieldErrorSchema());
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        nameEnums(api);
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().readOperationsMap().entrySet()) {
                Operation operation = op.getValue();
                String scheme = securityOf(classes, e.getKey(), op.getKey());
                operation.setSecurity(scheme == null ? List.of() : List.of(new SecurityRequirement().addList(scheme)));
                answerDefaultAs200(operation);
                typeLimit(operation);
                addProblems(operation, e.getKey(), op.getKey(), scheme);
                typeHeaders(operation);
            }
        }
    }

    private static void typeHeaders(Operation operation) {
        for (ApiResponse response : operation.getResponses().values()) {
            if (response.getHeaders() == null) {
                continue;
            }
            response.getHeaders().forEach((name, header) -> {
                if (header.get$ref() == null && header.getSchema() == null
                        && (header.getContent() == null || header.getContent().isEmpty())) {
                    header.setSchema(HttpHeaders.LOCATION.equalsIgnoreCase(name) ? new StringSchema().format("uri") : new StringSchema());
                }
            });
        }
    }

    /** Replaces inline enums with a {@link #NAMED_ENUMS} component of the same values, everywhere in the document. */
    private static void nameEnums(OpenAPI api) {
        Map<Set<String>, String> byValues = new LinkedHashMap<>();
        NAMED_ENUMS.forEach((name, type) -> {
            List<String> values = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            byValues.put(Set.copyOf(values), name);
        });
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        java.util.IdentityHashMap<Schema<?>, Boolean> seen = new java.util.IdentityHashMap<>();
        for (Schema<?> schema : List.copyOf(schemas.values())) {
            nameEnumsIn(schema, byValues, seen);
        }
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().values()) {
                for (Operation operation : item.readOperations()) {
                    if (operation.getParameters() != null) {
                        for (Parameter p : operation.getParameters()) {
                            p.setSchema(named(p.getSchema(), byValues, seen));
                        }
                    }
                }
            }
        }
        NAMED_ENUMS.forEach((name, type) -> {
            StringSchema named = new StringSchema();
            for (Enum<?> constant : type.getEnumConstants()) {
                named.addEnumItem(constant.name());
            }
            api.getComponents().addSchemas(name, named);
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema named(Schema schema, Map<Set<String>, String> byValues, java.util.IdentityHashMap<Schema<?>, Boolean> seen) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() == null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            Set<String> values = new HashSet<>();
            for (Object v : schema.getEnum()) {
                values.add(String.valueOf(v));
            }
            String name = byValues.get(values);
            if (name != null) {
                return new Schema<>().$ref("#/components/schemas/" + name);
            }
        }
        nameEnumsIn(schema, byValues, seen);
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nameEnumsIn(Schema<?> schema, Map<Set<String>, String> byValues, java.util.IdentityHashMap<Schema<?>, Boolean> seen) {
        if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
                p.setValue(named(p.getValue(), byValues, seen));
            }
        }
        if (schema.getItems() != null) {
            ((Schema) schema).setItems(named(schema.getItems(), byValues, seen));
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            ((Schema) schema).setAdditionalProperties(named(additional, byValues, seen));
        }
    }

    private static void answerDefaultAs200(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null || responses.getDefault() == null
                || responses.keySet().stream().anyMatch(code -> code.startsWith("2"))) {
            return;
        }
        ApiResponse ok = responses.getDefault();
        responses.remove(ApiResponses.DEFAULT);
        responses.addApiResponse("200", ok.description("OK"));
    }

    private static void typeLimit(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if ("query".equals(p.getIn()) && "limit".equals(p.getName())
                    && (p.getSchema() == null || "string".equals(p.getSchema().getType()))) {
                p.setSchema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                        ._default(PageRequest.DEFAULT_LIMIT));
            }
        }
    }

    private static void addProblems(Operation operation, String path, PathItem.HttpMethod method, String scheme) {
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Set<String> codes = new HashSet<>();
        if (body || parameters.stream().anyMatch(p -> "query".equals(p.getIn()))) {
            codes.add("400");
        }
        if (scheme != null) {
            codes.add("401");
            codes.add("403");
        }
        if (path.contains("{")) {
            codes.add("404");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD && method != PathItem.HttpMethod.OPTIONS) {
            codes.add("409");
        }
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && HttpHeaders.IF_MATCH.equalsIgnoreCase(p.getName()))) {
            codes.add("412");
        }
        if (answersOwnMediaType(operation)) {
            codes.add("406");
        }
        if (body) {
            codes.add("413");
            codes.add("415");
        }
        if (OPERATOR.equals(scheme)) {
            codes.add("429");
        }
        codes.add("500");
        codes.add("503");
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        for (String code : codes) {
            responses.putIfAbsent(code, new ApiResponse().description(PROBLEM_DESCRIPTIONS.get(code)));
        }
        // error answers (declared or added) without content get the problem; keep the order by status
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        responses.clear();
        sorted.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (response.getContent() == null || response.getContent().isEmpty()) {
                    response.setContent(new Content().addMediaType(Problem.MEDIA_TYPE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                }
                if ((code.equals("429") || code.equals("503"))
                        && (response.getHeaders() == null || !response.getHeaders().containsKey(RETRY_AFTER))) {
                    response.addHeaderObject(RETRY_AFTER, new Header().description("seconds to wait before trying again")
                            .schema(new IntegerSchema()));
                }
            }
            responses.addApiResponse(code, response);
        });
    }

    /** Whether a success answer has a body whose media types are all named (so an Accept header can refuse them). */
    private static boolean answersOwnMediaType(Operation operation) {
        if (operation.getResponses() == null) {
            return false;
        }
        for (Map.Entry<String, ApiResponse> r : operation.getResponses().entrySet()) {
            Content content = r.getValue().getContent();
            if (r.getKey().startsWith("2") && content != null && !content.isEmpty()) {
                return !content.containsKey("*/*");
            }
        }
        return false;
    }

    private static Map<String, String> problemDescriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("400", "Unreadable or invalid input (malformed_request, or validation_failed with errors naming every bad field)");
        d.put("401", "No valid credentials (unauthorized)");
        d.put("403", "Not allowed: a role, a module not enabled for the agency, or a portal tab switched off "
                + "(forbidden, module_not_enabled)");
        d.put("404", "Nothing with this id in the caller's agency (not_found)");
        d.put("409", "Conflicts with the current state, a unique value or a concurrent change (conflict)");
        d.put("412", "If-Match names a version other than the current one; nothing was written (precondition_failed)");
        d.put("406", "The Accept header names none of the media types this operation answers (not_acceptable)");
        d.put("413", "The request body is too large (payload_too_large)");
        d.put("415", "The request body's Content-Type is not accepted (unsupported_media_type)");
        d.put("429", "Too many failed credentials: wait Retry-After seconds (rate_limited)");
        d.put("500", "Unexpected failure, with no stack trace (internal_error)");
        d.put("503", "The database or another resource is unavailable or busy: retry after Retry-After seconds "
                + "(service_unavailable)");
        return Map.copyOf(d);
    }

    private static Schema<?> fieldErrorSchema() {
        Schema<?> fieldError = new ObjectSchema().description("One bad field of a request")
                .addProperty("field", new StringSchema().description("JSON path of the bad field, e.g. admin.email or limit"))
                .addProperty("message", new StringSchema().description("what is wrong with it, in the request's Accept-Language "
                        + "(pt-BR or English, English by default; docs/i18n.md)"))
                .addProperty("code", new StringSchema().description("a stable machine code of what is wrong, when the module gives "
                        + "one: required, too_long, too_short, weak_password, invalid_email, not_allowed, …"))
                .addProperty("params", new ObjectSchema().description("the values the message names, e.g. {\"max\": 200} for too_long")
                        .additionalProperties(Boolean.TRUE));
        fieldError.setRequired(List.of("field", "message"));
        return fieldError;
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR);
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem: the body of every error (application/problem+json)")
                .addProperty("type", new StringSchema().format("uri").description("https://clientele.io/problems/<code>"))
                .addProperty("title", new StringSchema().description("the HTTP status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong, for people"))
                .addProperty("code", new StringSchema().description("malformed_request, validation_failed, unauthorized, "
                        + "forbidden, module_not_enabled, not_found, not_acceptable, conflict, precondition_failed, payload_too_large, "
                        + "unsupported_media_type, rate_limited, internal_error, service_unavailable, …"))
                .addProperty("errors", new ArraySchema().items(fieldError).description("every bad field, for bad input"))
                .addProperty("correlationId", new StringSchema().description("names this request in the server's log"));
        problem.setRequired(List.of("type", "title", "status", "code"));
        return problem;
    }

    /** The security scheme of the resource method serving {@code httpMethod} on {@code path}; null when public. */
    private static String securityOf(Set<Class<?>> classes, String path, PathItem.HttpMethod httpMethod) {
        for (Class<?> c : classes) {
            String root = RestPublisher.pathOf(c);
            if (root == null || !path.startsWith(root)) {
                continue;
            }
            for (java.lang.reflect.Method m : c.getMethods()) {
                if (!hasHttpMethod(m, httpMethod)) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String full = root + (sub == null ? "" : (sub.value().startsWith("/") ? sub.value() : "/" + sub.value()));
                if (normalize(full).equals(normalize(path))) {
                    if (m.isAnnotationPresent(PublicEndpoint.class) || c.isAnnotationPresent(PublicEndpoint.class)) {
                        return null;
                    }
                    if (m.isAnnotationPresent(OperatorEndpoint.class) || c.isAnnotationPresent(OperatorEndpoint.class)) {
                        return OPERATOR;
                    }
                    if (m.isAnnotationPresent(PortalEndpoint.class) || c.isAnnotationPresent(PortalEndpoint.class)) {
                        return PORTAL;
                    }
                    return STAFF;
                }
            }
        }
        return STAFF;
    }

    private static boolean hasHttpMethod(java.lang.reflect.Method m, PathItem.HttpMethod method) {
        for (java.lang.annotation.Annotation a : m.getAnnotations()) {
            javax.ws.rs.HttpMethod hm = a.annotationType().getAnnotation(javax.ws.rs.HttpMethod.class);
            if (hm != null && hm.value().equalsIgnoreCase(method.name())) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String path) {
        String p = path.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
