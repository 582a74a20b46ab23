package io.clientele.platform.rest.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.PublicEndpoint;
import java.io.InputStream;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;
import org.osgi.framework.BundleContext;

/** The browsable API documentation at {@code /api/docs/}: Swagger UI reading {@code /api/openapi.json}. */
@Path("/docs")
@PublicEndpoint
public class DocsResource {

    private static final Map<String, String> FILES = Map.of(
            "swagger-ui-bundle.js", "application/javascript",
            "swagger-ui.css", "text/css",
            "favicon-32x32.png", "image/png");
    private static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Clientele API</title>
            <link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="icon" href="/api/docs/favicon-32x32.png"></head>
            <body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
            <script>window.ui = SwaggerUIBundle({url: '/api/openapi.json', dom_id: '#ui'});</script></body></html>
            """;

    private final String uiFolder;

    DocsResource(BundleContext context) {
        uiFolder = "/swagger-ui/META-INF/resources/webjars/swagger-ui/"
                + context.getBundle().getHeaders().get("Clientele-SwaggerUi-Version") + "/";
    }

    @GET
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    public Response index() {
        return Response.ok(INDEX, "text/html; charset=utf-8").build();
    }

    @GET
    @Path("/{file}")
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        InputStream in = type == null ? null : DocsResource.class.getResourceAsStream(uiFolder + file);
        if (in == null) {
            throw ProblemException.notFound("Documentation file " + file);
        }
        return Response.ok(in, type).header("Cache-Control", "max-age=86400").build();
    }
}
