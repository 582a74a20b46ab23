package io.clientele.platform.api;

/** Who is calling: agency staff, a customer's contact through the portal, or a platform operator. */
public enum PrincipalKind {
    STAFF, CONTACT, OPERATOR, SYSTEM
}
