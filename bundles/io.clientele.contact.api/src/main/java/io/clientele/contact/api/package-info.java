/** Contacts of customers and their portal access. 1.3.0: {@link io.clientele.contact.api.PortalAccess} refuses with its own {@link io.clientele.contact.api.PortalAccess.Refused}. 1.4.0: {@link io.clientele.contact.api.PortalAccess.Refused.Reason} is a {@link io.clientele.platform.api.domain.Refusal.Reason}, each constant naming its kind with {@link io.clientele.platform.api.domain.Refusal.As}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.clientele.contact.api;
