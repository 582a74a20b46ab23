package io.clientele.platform.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/** Salted, slow password hashing (PBKDF2-HMAC-SHA256); the hash string carries its own parameters. */
@ProviderType
public interface PasswordHasher {

    String hash(String password);

    boolean verify(String password, String hash);

    /**
     * Like {@link #verify}, for a login: without a stored hash (no such account) the password is checked against a
     * decoy hash and the answer is false, so that a login for an account that does not exist takes as long as one for
     * an account that does.
     *
     * @since 1.1
     */
    boolean verifyOrDecoy(String password, String hash);
}
