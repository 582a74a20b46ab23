package io.clientele.platform.impl.internal.auth;

import io.clientele.platform.api.RequestContext;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client address of the current request, for throttling. {@code X-Forwarded-For} is believed only when the
 * connection comes from a configured trusted proxy: then the address is the right-most hop that is not itself a
 * trusted proxy (the left-most entries are whatever the client chose to send). Outside an HTTP request (the Karaf
 * SSH shell) the address is {@link #NO_REQUEST}.
 */
final class ClientAddresses {

    static final String NO_REQUEST = "no-http-request";
    private static final int MAX_LENGTH = 64;

    private final Set<String> trustedProxies;

    ClientAddresses(String trustedProxiesCsv) {
        this.trustedProxies = trustedProxiesCsv == null ? Set.of() : Arrays.stream(trustedProxiesCsv.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    String current() {
        return RequestContext.client().map(this::resolve).orElse(NO_REQUEST);
    }

    String resolve(RequestContext.Client client) {
        String address = client.remoteAddress();
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (trustedProxies.contains(address) && client.forwardedFor() != null) {
            String[] hops = client.forwardedFor().split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                address = hop;
                if (!trustedProxies.contains(hop)) {
                    break;
                }
            }
        }
        return address.length() <= MAX_LENGTH ? address : address.substring(0, MAX_LENGTH);
    }
}
