package io.clientele.integration.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link IntegrationProvider} whose integrations are connected with OAuth 2.0's authorization code grant (RFC 6749
 * §4.1, with PKCE, RFC 7636, where the service supports it). Publish it as an {@code IntegrationProvider} service like any
 * other; the platform recognises the type and does the rest:
 * <ol>
 *   <li>An integration of it is created {@link IntegrationStatus#NEEDS_ATTENTION} ("not connected yet").</li>
 *   <li>An ADMIN asks {@code POST /api/v1/integrations/{id}/oauth/authorize} for {@code {"authorizationUrl"}} and sends
 *       the browser there; the state it carries is random, single-use, short-lived, and bound to the agency, the user
 *       and the integration (and to the PKCE verifier, which never leaves the platform).</li>
 *   <li>The service redirects the browser to {@code GET /api/v1/integrations/oauth/callback?code=&state=} (register
 *       {@code <publicBaseUrl>/api/v1/integrations/oauth/callback} as the redirect URI at the service); the platform
 *       exchanges the code at {@link OAuthClient#tokenEndpoint()}, stores the tokens encrypted (never shown by the API)
 *       and sets the integration {@link IntegrationStatus#ACTIVE}.</li>
 *   <li>The provider calls its service with {@link OAuthTokens#send} (or {@link OAuthTokens#accessToken}): the access
 *       token is refreshed before it expires, and once more when the service answers 401; refresh tokens the service
 *       rotates are stored as they come; a refused refresh sets the integration NEEDS_ATTENTION.</li>
 *   <li>When the integration is deleted its tokens are revoked at {@link OAuthClient#revocationEndpoint()} (RFC 7009,
 *       best effort) and forgotten.</li>
 * </ol>
 *
 * <pre>{@code
 * @Component(service = IntegrationProvider.class, configurationPid = "com.example.crm")
 * @Designate(ocd = CrmConfig.class)
 * public class CrmProvider implements OAuthIntegrationProvider {
 *     private final OAuthTokens tokens;
 *     private volatile CrmConfig config;
 *
 *     @Activate
 *     public CrmProvider(@Reference OAuthTokens tokens, CrmConfig config) { this.tokens = tokens; this.config = config; }
 *
 *     public OAuthClient oauthClient() {
 *         return OAuthClient.builder(URI.create(config.authorizeUrl()), URI.create(config.tokenUrl()),
 *                         config.clientId(), config.clientSecret())
 *                 .revocationEndpoint(URI.create(config.revokeUrl())).scopes("contacts.write").pkce(true).build();
 *     }
 *
 *     public DeliveryResult deliver(IntegrationContext integration, Delivery delivery) {
 *         try {
 *             HttpResponse<String> answer = tokens.send(integration, HttpRequest.newBuilder(URI.create(config.apiUrl() + "/contacts"))
 *                     .POST(HttpRequest.BodyPublishers.ofString(json(delivery))).build());
 *             return answer.statusCode() < 300 ? DeliveryResult.delivered(answer.statusCode(), answer.body())
 *                     : DeliveryResult.retry(answer.statusCode(), answer.body(), null, "Answered " + answer.statusCode() + ".");
 *         } catch (OAuthTokens.NotAuthorizedException e) {
 *             return DeliveryResult.gone(null, null, e.getMessage()); // the agency must authorize again
 *         } catch (IOException e) {
 *             return DeliveryResult.retry(null, null, null, e.getMessage());
 *         } catch (InterruptedException e) {
 *             Thread.currentThread().interrupt();
 *             return DeliveryResult.retry(null, null, null, "Interrupted.");
 *         }
 *     }
 *     // id(), name(), scope(), settingsSchema(), testConnection(...) as for any provider
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ConsumerType
public interface OAuthIntegrationProvider extends IntegrationProvider {

    /**
     * The provider's OAuth client, read again for every authorization, code exchange, refresh and revocation, so a
     * change of the provider's configuration applies at once. Throwing {@link IllegalArgumentException} or
     * {@link IllegalStateException} (say, no client secret configured) makes the platform refuse the authorization
     * with 409 and the refresh as a passing failure.
     */
    OAuthClient oauthClient();
}
