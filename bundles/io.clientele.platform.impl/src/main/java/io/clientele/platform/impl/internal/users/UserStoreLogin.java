package io.clientele.platform.impl.internal.users;

/** The stored credentials of a user, read only by the login endpoint. */
public record UserStoreLogin(String userId, String passwordHash, boolean active) {
}
