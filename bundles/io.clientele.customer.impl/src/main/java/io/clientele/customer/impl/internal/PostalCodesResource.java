package io.clientele.customer.impl.internal;

import io.clientele.customer.api.PostalAddress;
import io.clientele.customer.api.PostalCodeLookup;
import io.clientele.customer.api.PostalCodeServiceUnavailableException;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/postal-codes/{code}?country=BR}: the address a postal code names, to pre-fill a form. */
@Path("/v1/postal-codes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = PostalCodesResource.class, property = RestResource.PUBLISHED)
public class PostalCodesResource {

    private final PostalCodeLookup lookup;

    @Activate
    public PostalCodesResource(@Reference PostalCodeLookup lookup) {
        this.lookup = lookup;
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getPostalCode",
            summary = "Look up a postal code (only country=BR, through ViaCEP, for now); unknown codes are 404")
    public PostalAddress get(@PathParam("code") String code, @QueryParam("country") String country) {
        String c = country == null || country.isBlank() ? "BR" : country.trim().toUpperCase(Locale.ROOT);
        if (!lookup.supports(c)) {
            throw ProblemException.invalid("country", "only BR (Brazil) postal codes can be looked up for now");
        }
        if (ViaCepPostalCodeLookup.normalizeCep(code).isEmpty()) {
            throw ProblemException.invalid("code", "must be a Brazilian CEP of 8 digits, such as 01001-000");
        }
        try {
            return lookup.lookup(c, code).orElseThrow(() -> ProblemException.notFound("Postal code " + code));
        } catch (PostalCodeServiceUnavailableException e) {
            throw ProblemException.unavailable("The postal-code service did not answer; try again later or fill in the address by hand.");
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("code", "must be a Brazilian CEP of 8 digits, such as 01001-000");
        }
    }
}
