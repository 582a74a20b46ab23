/**
 * What a module's service contract says when it refuses a call, in the module's own terms rather than HTTP's:
 * {@link io.clientele.platform.api.domain.Refusal}, which each contract extends with its reasons. The REST edge
 * answers every refusal as {@code application/problem+json}, so a resource lets them pass.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.clientele.platform.api.domain;
