/**
 * The integration SPI. A third party writes an {@link io.clientele.integration.api.IntegrationProvider} in a bundle
 * of its own and drops it into a running platform; agencies then connect it, per customer or for the whole agency,
 * through {@code /api/v1/integrations}. The platform keeps the integration records, encrypts secret settings at rest
 * (AES-GCM, with the key id stored beside each value so that keys can rotate), gates providers by the agency's
 * modules, and makes outbound calls through {@link io.clientele.integration.api.OutboundHttp}.
 * <p>1.0.0: providers, integration records, status, connection tests, the outbound address rule, queued deliveries
 * of domain events ({@link io.clientele.integration.api.IntegrationProvider#deliver}) and inbound calls
 * ({@link io.clientele.integration.api.IntegrationProvider#receive}).
 * <p>1.1.0: OAuth 2.0 authorization code for providers ({@link io.clientele.integration.api.OAuthIntegrationProvider},
 * {@link io.clientele.integration.api.OAuthClient}, {@link io.clientele.integration.api.OAuthTokens}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.clientele.integration.api;
