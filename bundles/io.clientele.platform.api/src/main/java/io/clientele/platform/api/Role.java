package io.clientele.platform.api;

/** Roles a staff user holds inside an agency. */
public enum Role {
    ADMIN, FINANCE, SERVICE, ASSISTANT, COLLABORATOR
}
