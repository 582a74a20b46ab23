package io.clientele.contact.api;

/** Where a contact stands with the customer portal. */
public enum PortalStatus {
    NONE, INVITED, ACTIVE, DISABLED
}
