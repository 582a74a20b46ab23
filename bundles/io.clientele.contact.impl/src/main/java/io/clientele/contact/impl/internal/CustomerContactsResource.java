package io.clientele.contact.impl.internal;

import io.clientele.contact.api.Contact;
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
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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

/** {@code /api/v1/customers/{customerId}/contacts}: a customer's contacts (primary first). */
@Path("/v1/customers/{customerId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@Component(service = CustomerContactsResource.class, property = RestResource.PUBLISHED)
public class CustomerContactsResource {

    private final ContactStore contacts;

    @Activate
    public CustomerContactsResource(@Reference ContactStore contacts) {
        this.contacts = contacts;
    }

    public record ContactList(List<Contact> items) {
    }

    @GET
    @Operation(operationId = "listCustomerContacts", summary = "The customer's contacts, primary first")
    public ContactList list(@PathParam("customerId") String customerId) {
        return new ContactList(contacts.ofCustomer(customerId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomerContact",
            summary = "Add a contact; making it primary makes the previous primary an ordinary contact")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the created resource"),
            content = @Content(schema = @Schema(implementation = Contact.class)))
    public Response create(@PathParam("customerId") String customerId, Contact request, @Context UriInfo uri) {
        Contact created = contacts.create(customerId, request);
        return Response.created(Locations.of(uri, "/v1/contacts/" + created.id()))
                .tag(ETags.of(created.version())).entity(created).build();
    }
}
