package io.clientele.platform.rest.internal;

import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.PublicEndpoint;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

/** Answers every path no published resource claims (including an uninstalled module's) with 404 problem+json. */
@Path("/")
@PublicEndpoint
public class NotFoundResource {

    private static final String ANY = "{any: .*}";

    private static ProblemException missing() {
        return new ProblemException(404, "not_found", "There is nothing at this path.", null, null);
    }

    @GET @Path(ANY) public void get() { throw missing(); }
    @POST @Path(ANY) public void post() { throw missing(); }
    @PUT @Path(ANY) public void put() { throw missing(); }
    @PATCH @Path(ANY) public void patch() { throw missing(); }
    @DELETE @Path(ANY) public void delete() { throw missing(); }
    @HEAD @Path(ANY) public void head() { throw missing(); }
    @OPTIONS @Path(ANY) public void options() { throw missing(); }
}
