package io.clientele.contact.api;

import java.time.Instant;

/** A person at a customer. {@code canOpenJobsForGroup}: may act for every customer of the customer's group. */
public record Contact(String id, String customerId, String name, String email, String phone, String position, Boolean primary,
                      String notes, Boolean canOpenJobsForGroup, PortalStatus portalStatus, Long version, Instant createdAt,
                      Instant updatedAt) {
}
