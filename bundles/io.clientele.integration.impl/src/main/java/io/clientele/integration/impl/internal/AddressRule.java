package io.clientele.integration.impl.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The outbound address rule ({@link io.clientele.integration.api.OutboundHttp}): only http and https targets with a
 * host, and none whose host is, or resolves to, an address of this machine or a private network — loopback, unspecified
 * ({@code 0.0.0.0/8}, {@code ::}), link-local, site-local (RFC 1918, {@code fec0::/10}), IPv6 unique-local
 * ({@code fc00::/7}), shared carrier-grade NAT ({@code 100.64.0.0/10}), multicast and broadcast — nor the IPv4-mapped,
 * IPv4-compatible and NAT64 ({@code 64:ff9b::/96}) forms of those, unless private addresses are allowed. Every
 * address a name resolves to is checked. Messages never name the address a host resolved to.
 */
final class AddressRule {

    static final String REFUSED = "The address is, or resolves to, a loopback, private, link-local or multicast network address,"
            + " which integrations may not call.";

    /** How host names are resolved: {@link InetAddress#getAllByName} in the runtime. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private AddressRule() {
    }

    static Optional<String> problemWith(URI target, boolean allowPrivateAddresses, Resolver resolver) {
        if (target == null) {
            return Optional.of("An address is required.");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("Only http and https addresses may be called.");
        }
        String host = target.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("The address has no host name.");
        }
        if (target.getRawUserInfo() != null) {
            return Optional.of("The address must not carry a user name or password; use the provider's settings for credentials.");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            return Optional.of("The host name does not resolve.");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("The host name does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of(REFUSED);
            }
        }
        return Optional.empty();
    }

    /** Whether an address is one integrations may not call (see the class comment). */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && (second & 0xc0) == 64) // shared address space (carrier-grade NAT)
                    || (first == 255 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255); // broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique-local fc00::/7
            }
            InetAddress embedded = embeddedIpv4(b);
            return embedded != null && isPrivate(embedded);
        }
        return true; // an unknown kind of address: refused
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), -compatible ({@code ::a.b.c.d}) or NAT64 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
