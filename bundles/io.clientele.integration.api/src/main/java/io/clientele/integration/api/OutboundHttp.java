package io.clientele.integration.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's HTTP client for calls to services outside it, with the outbound address rule: only {@code https}
 * (and {@code http}) targets, and none whose host is, or resolves to, a loopback, link-local, site-local (private),
 * unique-local, multicast or unspecified address, unless the operator allows them (configuration
 * {@code io.clientele.integration}, {@code allowPrivateAddresses}; tests against local fake servers switch it on).
 * Redirects are not followed; connect and request timeouts apply.
 */
@ProviderType
public interface OutboundHttp {

    /**
     * What the address rule says against calling {@code target}, as a message for the agency (e.g. "The address
     * resolves to a private network address."), or empty when it may be called. Resolves the host name.
     */
    Optional<String> problemWith(URI target);

    /**
     * Sends the request after checking its target against the rule.
     *
     * @throws BlockedAddressException when the rule refuses the target
     * @throws IOException when the call fails or times out
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException;

    /** The target of a call is refused by the outbound address rule; the message says why. */
    class BlockedAddressException extends IOException {
        private static final long serialVersionUID = 1L;

        public BlockedAddressException(String message) {
            super(message);
        }
    }
}
