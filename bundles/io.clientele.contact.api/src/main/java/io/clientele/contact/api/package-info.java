/** Contacts of customers and their portal access. 1.3.0: {@link io.clientele.contact.api.PortalAccess} refuses with its own {@link io.clientele.contact.api.PortalAccess.Refused}. 1.4.0: {@link io.clientele.contact.api.PortalAccess.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. 1.5.0: {@link io.clientele.contact.api.PortalPolicy}, the portal module's decisions the core consults, and {@link io.clientele.contact.api.PortalAccess#accounts}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package io.clientele.contact.api;
