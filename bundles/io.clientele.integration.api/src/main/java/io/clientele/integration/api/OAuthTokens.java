package io.clientele.integration.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's keeper of the OAuth tokens of {@link OAuthIntegrationProvider}s' integrations, published as an OSGi
 * service for providers to call their services with. Tokens are stored encrypted at rest and never shown by the API.
 *
 * <p>An access token is refreshed (RFC 6749 §6) before it expires, and when the service answers 401 to a
 * {@link #send}. A refresh token the service rotates is replaced by the new one; two nodes or threads needing a refresh
 * of the same integration at once do not both spend it (one refreshes, the other waits for its result). When the
 * service refuses the refresh ({@code invalid_grant} and the like), or there is nothing to refresh with, the integration
 * becomes {@link IntegrationStatus#NEEDS_ATTENTION} with the reason as its last error (its ADMINs are told) and the call
 * throws {@link NotAuthorizedException}: the agency must authorize it again. When the token endpoint cannot be reached
 * (timeout, 5xx), the call throws a plain {@link IOException}: try again later.
 *
 * <p>Call it outside any transaction (it may make HTTP calls), as the integration's agency (as the platform calls
 * {@code deliver} and {@code testConnection}).
 *
 * @since 1.1
 */
@ProviderType
public interface OAuthTokens {

    /**
     * A current access token of the integration: the stored one while it is not about to expire, else a refreshed one.
     * Put it in {@code Authorization: Bearer …} yourself; {@link #send} does that and handles a 401 too.
     *
     * @throws NotAuthorizedException the integration is not authorized (never, or no longer)
     * @throws IOException            the token endpoint could not be reached or failed; try again later
     */
    String accessToken(IntegrationContext integration) throws IOException, InterruptedException;

    /**
     * Sends {@code request} through the platform's {@link OutboundHttp} with {@code Authorization: Bearer} and a current
     * access token (any {@code Authorization} header of the request is replaced). When the service answers 401 the
     * token is refreshed once and the request sent once more; that second answer is returned whatever it is. The
     * request is sent twice in that case, so its body publisher must be repeatable (the JDK's {@code ofString} and
     * {@code ofByteArray} are).
     *
     * @throws NotAuthorizedException the integration is not authorized, or its refresh was refused
     * @throws IOException            as {@link OutboundHttp#send}, or the token endpoint failed
     */
    HttpResponse<String> send(IntegrationContext integration, HttpRequest request) throws IOException, InterruptedException;

    /**
     * The integration has no usable authorization: never authorized, or the service refused to refresh it (the
     * integration is {@link IntegrationStatus#NEEDS_ATTENTION} then). The message is for the agency; a provider's
     * delivery answers {@link DeliveryResult#gone}, its connection test fails with it.
     */
    class NotAuthorizedException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotAuthorizedException(String message) {
            super(message);
        }
    }
}
