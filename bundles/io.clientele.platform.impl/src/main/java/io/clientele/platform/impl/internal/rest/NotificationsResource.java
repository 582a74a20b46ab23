package io.clientele.platform.impl.internal.rest;

import io.clientele.platform.api.notification.Notification;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.QueryParams;
import io.clientele.platform.api.rest.RestResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Path("/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@Component(service = NotificationsResource.class, property = RestResource.PUBLISHED)
public class NotificationsResource {

    private final NotificationService notifications;

    @Activate
    public NotificationsResource(@Reference NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The current user's in-app notifications, newest first")
    public Page<Notification> list(@Parameter(schema = @Schema(type = "boolean")) @QueryParam("unread") String unread,
                                   @QueryParam("limit") String limit,
                                   @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return notifications.forCurrentUser(Boolean.TRUE.equals(QueryParams.booleanParam("unread", unread)), page.limit(), page.cursor());
    }

    @POST
    @Path("/{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one of the current user's notifications read")
    public Notification markRead(@PathParam("id") String id) {
        return notifications.markRead(id);
    }
}
