package io.clientele.platform.api.auth;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform password rules (OWASP ASVS L2): 12–128 characters, no composition rules, not in the shipped
 * list of breached passwords. Used for staff and portal contacts alike.
 */
@ProviderType
public interface PasswordPolicy {

    /** Why the password is refused, or empty when it is acceptable. */
    Optional<String> problem(String password);

    /** Throws 400 {@code validation_failed} naming {@code field} when the password is refused. */
    void check(String field, String password);
}
