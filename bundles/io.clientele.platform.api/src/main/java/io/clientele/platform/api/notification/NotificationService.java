package io.clientele.platform.api.notification;

import io.clientele.platform.api.rest.Page;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/** In-app notifications of the caller's agency. {@link #notify} joins the caller's transaction. */
@ProviderType
public interface NotificationService {

    void notify(Collection<String> userIds, String kind, String title, String body, String link);

    /** The current user's notifications, newest first; {@code unreadOnly} filters. */
    Page<Notification> forCurrentUser(boolean unreadOnly, int limit, String cursor);

    /** Marks one of the current user's notifications read; another user's id is answered as missing. */
    Notification markRead(String notificationId);
}
