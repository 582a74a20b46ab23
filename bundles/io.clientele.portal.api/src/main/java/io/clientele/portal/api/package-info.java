/** Module "portal": the customer portal's per-agency settings and the tabs a contact may open. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.portal.api;
