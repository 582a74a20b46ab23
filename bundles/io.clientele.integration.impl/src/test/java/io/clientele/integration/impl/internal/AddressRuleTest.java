package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbound address rule on literal addresses (no DNS) and on a resolver that answers as told. */
class AddressRuleTest {

    private static Optional<String> problem(String url) {
        return AddressRule.problemWith(URI.create(url), false, InetAddress::getAllByName);
    }

    @Test
    void publicAddressesMayBeCalled() {
        for (String url : new String[] {"https://93.184.216.34/x", "http://8.8.8.8:8080/", "https://[2606:4700:4700::1111]/",
                "https://100.63.255.255/", "https://100.128.0.1/", "https://172.32.0.1/", "https://[2001:4860:4860::8888]/"}) {
            assertEquals(Optional.empty(), problem(url), url);
        }
    }

    @Test
    void localAndPrivateAddressesAreRefused() {
        for (String url : new String[] {"http://127.0.0.1/", "http://127.1.2.3:8181/api", "http://0.0.0.0/", "http://0.1.2.3/",
                "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                "http://224.0.0.1/", "http://239.255.255.250/", "http://255.255.255.255/", "http://100.64.0.1/", "http://100.127.255.254/",
                "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fec0::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
                "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.1.2.3]/", "http://[::ffff:169.254.169.254]/",
                "http://[::127.0.0.1]/", "http://[64:ff9b::10.0.0.1]/", "http://[64:ff9b::7f00:1]/"}) {
            assertEquals(Optional.of(AddressRule.REFUSED), problem(url), url);
        }
        // the public form of a NAT64 or mapped address is fine
        assertEquals(Optional.empty(), problem("http://[::ffff:8.8.8.8]/"));
        assertEquals(Optional.empty(), problem("http://[64:ff9b::808:808]/"));
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoCredentials() {
        assertTrue(problem("ftp://8.8.8.8/").orElseThrow().contains("http and https"));
        assertTrue(problem("file:///etc/passwd").orElseThrow().contains("http and https"));
        assertTrue(problem("gopher://8.8.8.8/").orElseThrow().contains("http and https"));
        assertTrue(problem("relative/path").orElseThrow().contains("http and https"));
        assertTrue(problem("http:///no-host").orElseThrow().contains("no host"));
        assertTrue(problem("https://user:pass@8.8.8.8/").orElseThrow().contains("user name"));
        assertEquals(Optional.of("An address is required."), AddressRule.problemWith(null, false, InetAddress::getAllByName));
        assertEquals(Optional.empty(), problem("HTTPS://8.8.8.8/"));
    }

    @Test
    void everyAddressANameResolvesToIsChecked() throws UnknownHostException {
        InetAddress publicOne = InetAddress.getByName("8.8.8.8");
        InetAddress privateOne = InetAddress.getByName("10.0.0.7");
        assertEquals(Optional.of(AddressRule.REFUSED), AddressRule.problemWith(URI.create("https://mixed.example/"), false,
                host -> new InetAddress[] {publicOne, privateOne}));
        assertEquals(Optional.empty(), AddressRule.problemWith(URI.create("https://public.example/"), false,
                host -> new InetAddress[] {publicOne}));
        assertTrue(AddressRule.problemWith(URI.create("https://nowhere.example/"), false, host -> {
            throw new UnknownHostException(host);
        }).orElseThrow().contains("does not resolve"));
    }

    @Test
    void allowingPrivateAddressesKeepsTheSchemeAndHostRule() {
        assertEquals(Optional.empty(), AddressRule.problemWith(URI.create("http://127.0.0.1:9/"), true, InetAddress::getAllByName));
        assertTrue(AddressRule.problemWith(URI.create("ftp://127.0.0.1/"), true, InetAddress::getAllByName).isPresent());
    }

    @Test
    void theClientRefusesABlockedTargetBeforeSending() {
        OutboundHttpClient client = new OutboundHttpClient(TestConfig.of("", "", false));
        assertEquals(Optional.of(AddressRule.REFUSED), client.problemWith(URI.create("http://127.0.0.1:1/")));
        org.junit.jupiter.api.Assertions.assertThrows(io.clientele.integration.api.OutboundHttp.BlockedAddressException.class,
                () -> client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build()));
    }
}
