package io.clientele.platform.api.auth;

import io.clientele.platform.api.rest.FieldError;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform password rules (OWASP ASVS L2): 12–128 characters, no composition rules, not in the shipped
 * list of breached passwords. Used for staff and portal contacts alike.
 */
@ProviderType
public interface PasswordPolicy {

    /** Why the password is refused (in the request's language), or empty when it is acceptable. */
    Optional<String> problem(String password);

    /**
     * Why the password is refused as a field error naming {@code field}, with its machine code ({@code required},
     * {@code too_short} with {@code min}, {@code too_long} with {@code max}, {@code weak_password} when breached) and
     * its message in the request's language; empty when it is acceptable.
     *
     * @since 1.3.0
     */
    default Optional<FieldError> error(String field, String password) {
        return problem(password).map(p -> new FieldError(field, p));
    }

    /** Throws 400 {@code validation_failed} naming {@code field} when the password is refused. */
    void check(String field, String password);
}
