package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.rest.OperatorEndpoint;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.api.users.User;
import io.clientele.platform.impl.internal.users.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/platform/agencies")
@Produces(MediaType.APPLICATION_JSON)
@OperatorEndpoint
@Tag(name = "Platform (operator)")
@Component(service = AgenciesResource.class, property = RestResource.PUBLISHED)
public class AgenciesResource {

    private final AgencyDirectory agencies;
    private final UserStore users;

    @Activate
    public AgenciesResource(@Reference AgencyDirectory agencies, @Reference UserStore users) {
        this.agencies = agencies;
        this.users = users;
    }

    public record AdminRequest(@Size(max = 200) String name, @Size(max = 254) String email, @Size(max = 1024) String password) {
    }

    public record NewAgencyRequest(@Size(max = 200) String name, @Size(max = 63) String slug,
                                   @Size(max = 50) Set<@NotNull @Size(max = 64) String> modules, @Valid AdminRequest admin,
                                   @Size(max = 16) String locale) {
    }

    /** {@code locale}: {@code pt-BR} or {@code en}. */
    public record LocaleRequest(@NotNull @Size(max = 16) String locale) {
    }

    public record ModulesRequest(@NotNull @Size(max = 50) Set<@NotNull @Size(max = 64) String> modules) {
    }

    public record AgencyList(List<Agency> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAgency", summary = "Create an agency with its first ADMIN user")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Agency.class)))
    public Response create(NewAgencyRequest request, @Context UriInfo uri) {
        AdminRequest admin = request.admin();
        Agency agency = agencies.create(new AgencyDirectory.NewAgency(request.name(), request.slug(), request.modules(),
                admin == null ? null : admin.name(), admin == null ? null : admin.email(), admin == null ? null : admin.password(),
                request.locale()));
        return Response.created(uri.getAbsolutePathBuilder().path(agency.slug()).build()).entity(agency).build();
    }

    @GET
    @Operation(operationId = "listAgencies", summary = "Every agency of the platform")
    public AgencyList list() {
        return new AgencyList(agencies.list());
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getAgency", summary = "Read an agency")
    public Agency get(@PathParam("slug") String slug) {
        return agencies.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("Agency " + slug));
    }

    @PUT
    @Path("/{slug}/modules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAgencyModules",
            summary = "Set the agency's modules; a module not installed yet takes effect once installed")
    public Agency setModules(@PathParam("slug") String slug, ModulesRequest request) {
        return agencies.setModules(slug, request == null ? null : request.modules()); // no body: 400 naming modules
    }

    @PUT
    @Path("/{slug}/locale")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAgencyLocale",
            summary = "Set the agency's language (pt-BR or en): what its e-mails are written in")
    public Agency setLocale(@PathParam("slug") String slug, LocaleRequest request) {
        return agencies.setLocale(slug, request == null ? null : request.locale()); // no body: 400 naming locale
    }

    @GET
    @Path("/{slug}/users")
    @Operation(operationId = "listAgencyUsers", summary = "The agency's users")
    public Page<User> users(@PathParam("slug") String slug, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Agency agency = get(slug);
        PageRequest page = PageRequest.of(limit, cursor);
        return RequestContext.runAs(Principal.system(agency.id(), agency.slug(), "operator"),
                () -> users.list(page.limit(), page.cursor(), null));
    }
}
