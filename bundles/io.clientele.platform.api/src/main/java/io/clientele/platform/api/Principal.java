package io.clientele.platform.api;

import java.util.Set;

/**
 * The authenticated caller of a request.
 *
 * @param kind       staff user, portal contact, operator or a background job
 * @param id         user id, contact id or operator name
 * @param name       display name, recorded as the actor in history
 * @param agencyId   the agency the caller acts in; {@code null} for operators
 * @param agencySlug the agency's slug; {@code null} for operators
 * @param roles      the staff user's roles (empty for other kinds)
 * @param sessionId  the session the access token belongs to, if any
 */
public record Principal(PrincipalKind kind, String id, String name, String agencyId, String agencySlug,
                        Set<Role> roles, String sessionId) {

    public Principal {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        for (Role r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** A principal for work the platform does on an agency's behalf (schedulers, imports run by the shell). */
    public static Principal system(String agencyId, String agencySlug, String what) {
        return new Principal(PrincipalKind.SYSTEM, "system", what, agencyId, agencySlug, Set.of(Role.ADMIN), null);
    }
}
