/**
 * Web extensions: screens that a bundle contributes to the portal ({@code /portal/{agencySlug}/}) or the agency app
 * ({@code /app/}) while it is installed. A bundle publishes one {@link io.clientele.platform.api.web.WebExtension}
 * service per screen and serves the screen's assets (an ES module, its message files) itself through the OSGi HTTP
 * Whiteboard; the platform lists what is registered and allowed for the caller at {@code GET /api/v1/ui/extensions}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.platform.api.web;
