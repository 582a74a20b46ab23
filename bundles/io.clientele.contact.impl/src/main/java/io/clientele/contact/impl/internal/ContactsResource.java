package io.clientele.contact.impl.internal;

import io.clientele.contact.api.Contact;
import io.clientele.contact.impl.internal.ContactPortal.PortalInvitation;
import io.clientele.customer.api.CustomerAction;
import io.clientele.customer.api.CustomerRights;
import io.clientele.platform.api.idempotency.IdempotencyService;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
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

/** {@code /api/v1/contacts/{id}}: one contact (reachable only when its customer is visible to the caller). */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@Component(service = ContactsResource.class, property = RestResource.PUBLISHED)
public class ContactsResource {

    private final ContactStore contacts;
    private final ContactPortal portal;
    private final IdempotencyService idempotency;
    private final CustomerRights rights;

    @Activate
    public ContactsResource(@Reference ContactStore contacts, @Reference ContactPortal portal, @Reference IdempotencyService idempotency,
                            @Reference CustomerRights rights) {
        this.contacts = contacts;
        this.rights = rights;
        this.portal = portal;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getContact", summary = "Read a contact; its ETag is its version")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Contact.class)))
    public Response get(@PathParam("id") String id) {
        Contact contact = contacts.get(id);
        return Response.ok(contact).tag(ETags.of(contact.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateContact",
            summary = "Change a contact (JSON merge patch); send If-Match with the ETag to avoid lost updates")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Contact.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, Object> patch) {
        Contact updated = contacts.patch(id, ETags.expectedVersion(ifMatch), patch);
        return Response.ok(updated).tag(ETags.of(updated.version())).build();
    }

    @POST
    @Path("/{id}/portal-invite")
    @Operation(operationId = "inviteContactToPortal",
            summary = "Invite the contact to the customer portal: e-mails a single-use activation link (older links stop working). "
            + "Honours Idempotency-Key. ADMIN, or the SERVICE/ASSISTANT user who serves or assists the customer")
    @ApiResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = PortalInvitation.class)))
    public Response portalInvite(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (id.length() > 36) {
            throw ProblemException.notFound("Contact " + id.substring(0, 36) + "…");
        }
        rights.refusal(CustomerAction.INVITE, contacts.get(id).customerId()).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
        PortalInvitation invitation = idempotency.execute(idempotencyKey, "contacts.portal-invite:" + id, "portal-invite:" + id,
                PortalInvitation.class, () -> portal.invitation(id));
        return Response.accepted(invitation).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteContact", summary = "Remove a contact from its customer (recorded in the customer's history)")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    public Response delete(@PathParam("id") String id) {
        contacts.delete(id);
        return Response.noContent().build();
    }
}
