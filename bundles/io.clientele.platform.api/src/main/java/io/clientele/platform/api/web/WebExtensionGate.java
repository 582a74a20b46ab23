package io.clientele.platform.api.web;

import io.clientele.platform.api.Principal;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A rule, beyond module subscription and roles, for which screens a caller sees: every registered gate must allow an
 * extension for it to be listed. The hook for the portal module's tabs: it registers a gate that refuses an extension
 * whose {@link WebExtension#portalTab()} the caller's agency switched off. Called once per extension per listing, on
 * the request's thread with the caller's request context set.
 */
@ConsumerType
public interface WebExtensionGate {

    boolean allows(Principal caller, WebExtension extension);
}
