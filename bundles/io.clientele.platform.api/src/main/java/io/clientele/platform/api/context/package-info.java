/**
 * Setting whom the current thread works for. Only the platform's request edge uses it: the REST layer for each request
 * after authentication, and the operator's sign-in (SSH address for the login throttle). Modules read the caller through
 * {@link io.clientele.platform.api.RequestContext} and act for an agency only in their scheduled work, through
 * {@code RequestContext.runAs}.
 *
 * <p>The package is exported with a mandatory attribute ({@code clientele.scope=edge}): a bundle wires to it only by
 * importing it with that attribute on purpose, so no module picks it up by accident and sets an agency of its choosing.
 * Its export is declared in this bundle's build ({@code pom.xml}), not here.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.platform.api.context;
