package io.clientele.customer.impl.internal;

import io.clientele.customer.impl.internal.CommentStore.Comment;
import io.clientele.customer.impl.internal.CommentStore.CommentRequest;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/customers/{customerId}/comments}: the customer's comment thread, newest first. */
@Path("/v1/customers/{customerId}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@Component(service = CustomerCommentsResource.class, property = RestResource.PUBLISHED)
public class CustomerCommentsResource {

    private final CommentStore comments;

    @Activate
    public CustomerCommentsResource(@Reference CommentStore comments) {
        this.comments = comments;
    }

    @GET
    @Operation(operationId = "listCustomerComments",
            summary = "The customer's comments with their attachments, newest first (keyset cursor)")
    public Page<Comment> list(@PathParam("customerId") String customerId, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return comments.list(customerId, page.limit(), page.cursor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomerComment",
            summary = "Comment on a customer; users in mentionedUserIds and @Name mentions in the body are notified")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Comment.class)))
    public Response create(@PathParam("customerId") String customerId, CommentRequest request) {
        Comment created = comments.create(customerId, request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
