package io.clientele.platform.api.auth;

/**
 * Per-account throttling of failed logins, shared by every node through the database. After too many
 * consecutive failures the account is locked for a while and {@link #checkAllowed} throws 429 with
 * {@code Retry-After}, even for the right password.
 */
public interface LoginThrottle {

    /** Throws 429 {@code rate_limited} while the account is locked. */
    void checkAllowed(String accountKey);

    void recordFailure(String accountKey);

    void recordSuccess(String accountKey);
}
