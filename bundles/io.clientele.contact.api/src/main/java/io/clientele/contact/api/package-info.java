/** Contacts of customers and their portal access. 1.3.0: {@link io.clientele.contact.api.PortalAccess} refuses with its own {@link io.clientele.contact.api.PortalAccess.Refused}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.clientele.contact.api;
