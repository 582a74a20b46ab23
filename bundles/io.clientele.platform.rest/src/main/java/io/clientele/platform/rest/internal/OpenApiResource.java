package io.clientele.platform.rest.internal;

import io.clientele.platform.api.rest.OperatorEndpoint;
import io.clientele.platform.api.rest.PublicEndpoint;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/openapi.json}: OpenAPI 3 generated from the resources published right now, so a module's
 * operations appear when it is installed and disappear when it is removed. Each operation names its
 * security: none (public), {@code operator} (Basic) or {@code bearer}.
 */
@Path("/openapi.json")
@PublicEndpoint
public class OpenApiResource {

    private final RestPublisher publisher;
    private volatile String cached;

    OpenApiResource(RestPublisher publisher) {
        this.publisher = publisher;
        publisher.onChange(() -> cached = null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    public String document() throws Exception {
        String doc = cached;
        if (doc == null) {
            doc = build(publisher.publishedClasses());
            cached = doc;
        }
        return doc;
    }

    static String build(Set<Class<?>> resources) throws Exception {
        Set<Class<?>> classes = new HashSet<>(resources);
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Clientele API").version("v1")
                        .description("Customer platform for agencies. Errors are application/problem+json."))
                .servers(List.of(new Server().url("/api")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("operator", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Reader.class.getClassLoader());
        try {
            OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base).readAllResources(true)).read(classes);
            markSecurity(api, classes);
            return Json.mapper().writeValueAsString(api);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Public operations get no security, operator ones Basic, the rest a bearer token. */
    private static void markSecurity(OpenAPI api, Set<Class<?>> classes) {
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().readOperationsMap().entrySet()) {
                String kind = securityOf(classes, e.getKey(), op.getKey());
                if ("operator".equals(kind)) {
                    op.getValue().setSecurity(List.of(new SecurityRequirement().addList("operator")));
                } else if ("bearer".equals(kind)) {
                    op.getValue().setSecurity(List.of(new SecurityRequirement().addList("bearer")));
                } else {
                    op.getValue().setSecurity(List.of());
                }
            }
        }
    }

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
                        return "public";
                    }
                    if (m.isAnnotationPresent(OperatorEndpoint.class) || c.isAnnotationPresent(OperatorEndpoint.class)) {
                        return "operator";
                    }
                    return "bearer";
                }
            }
        }
        return "bearer";
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
