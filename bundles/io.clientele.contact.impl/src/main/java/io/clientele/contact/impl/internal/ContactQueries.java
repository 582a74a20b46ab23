package io.clientele.contact.impl.internal;

import io.clientele.contact.api.PortalStatus;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;

/**
 * The queries over the unit's contacts (JPQL; the unit adds the caller's agency to each). Deleted contacts are never
 * among the answers.
 */
final class ContactQueries {

    private ContactQueries() {
    }

    /** The customer's contacts, primary first, then by name and id. */
    static List<ContactRecord> ofCustomer(EntityManager em, String customerId) {
        return em.createQuery("SELECT c FROM Contact c WHERE c.customerId = :customerId AND c.deleted = :deleted"
                        + " ORDER BY c.primaryContact DESC, c.name, c.id", ContactRecord.class)
                .setParameter("customerId", customerId).setParameter("deleted", false).getResultList();
    }

    /** The customer's primary contacts (one at most, as the store keeps it). */
    static List<ContactRecord> primaries(EntityManager em, String customerId) {
        return em.createQuery("SELECT c FROM Contact c WHERE c.customerId = :customerId AND c.deleted = :deleted"
                        + " AND c.primaryContact = :primary", ContactRecord.class)
                .setParameter("customerId", customerId).setParameter("deleted", false).setParameter("primary", true)
                .getResultList();
    }

    /** The contact that logs in to the portal with this lower-case e-mail: ACTIVE and with a password. */
    static Optional<ContactRecord> activePortalAccount(EntityManager em, String emailLower) {
        return em.createQuery("SELECT c FROM Contact c WHERE c.emailLower = :email AND c.deleted = :deleted"
                        + " AND c.portalStatus = :status AND c.portalPasswordHash IS NOT NULL ORDER BY c.id", ContactRecord.class)
                .setParameter("email", emailLower).setParameter("deleted", false).setParameter("status", PortalStatus.ACTIVE)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /** How many contacts other than {@code exceptId} hold or were invited to the portal login with this lower-case e-mail. */
    static long portalLogins(EntityManager em, String emailLower, String exceptId) {
        return em.createQuery("SELECT COUNT(c) FROM Contact c WHERE c.emailLower = :email AND c.deleted = :deleted"
                        + " AND c.portalStatus IN (:invited, :active) AND c.id <> :except", Long.class)
                .setParameter("email", emailLower).setParameter("deleted", false)
                .setParameter("invited", PortalStatus.INVITED).setParameter("active", PortalStatus.ACTIVE)
                .setParameter("except", exceptId).getSingleResult();
    }
}
