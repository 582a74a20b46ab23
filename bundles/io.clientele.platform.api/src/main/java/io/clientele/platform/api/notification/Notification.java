package io.clientele.platform.api.notification;

import java.time.Instant;

/** An in-app notification for one staff user. {@code link} is an API path the app can open. */
public record Notification(String id, String userId, String kind, String title, String body, String link,
                           Instant createdAt, Instant readAt) {
}
