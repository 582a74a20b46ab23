package io.clientele.platform.api.auth;

/** Salted, slow password hashing (PBKDF2-HMAC-SHA256); the hash string carries its own parameters. */
public interface PasswordHasher {

    String hash(String password);

    boolean verify(String password, String hash);
}
