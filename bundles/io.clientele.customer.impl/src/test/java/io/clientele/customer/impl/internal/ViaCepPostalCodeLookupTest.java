package io.clientele.customer.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.clientele.customer.api.PostalAddress;
import io.clientele.customer.api.PostalCodeServiceUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ViaCEP client against a local server speaking ViaCEP's protocol ({@code GET /ws/{cep}/json/}). */
class ViaCepPostalCodeLookupTest {

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    @BeforeEach
    void startFakeViaCep() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ws/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            int status = 200;
            String body;
            if (failWith != 0) {
                status = failWith;
                body = "<html>down</html>";
            } else if (!path.matches("/ws/[0-9]{8}/json/")) {
                status = 400;
                body = "<h2>Bad Request (400)</h2>";
            } else if (path.equals("/ws/01001000/json/")) {
                body = "{\"cep\": \"01001-000\", \"logradouro\": \"Praça da Sé\", \"complemento\": \"lado ímpar\", \"unidade\": \"\","
                        + " \"bairro\": \"Sé\", \"localidade\": \"São Paulo\", \"uf\": \"SP\", \"estado\": \"São Paulo\","
                        + " \"regiao\": \"Sudeste\", \"ibge\": \"3550308\", \"gia\": \"1004\", \"ddd\": \"11\", \"siafi\": \"7107\"}";
            } else if (path.equals("/ws/20040002/json/")) {
                body = "{\"cep\": \"20040-002\", \"logradouro\": \"Rua da Assembleia\", \"bairro\": \"Centro\","
                        + " \"localidade\": \"Rio de Janeiro\", \"uf\": \"RJ\"}";
            } else if (path.equals("/ws/88888888/json/")) {
                body = "{\"erro\": \"true\"}";
            } else {
                body = "{\"erro\": true}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json; charset=utf-8" : "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ViaCepPostalCodeLookup lookup(Clock clock, int maxEntries) {
        return new ViaCepPostalCodeLookup(new ViaCepPostalCodeLookup.Settings(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofHours(1), maxEntries), clock);
    }

    @Test
    void cepsAreNormalisedToTheirEightDigits() {
        assertEquals(Optional.of("01001000"), ViaCepPostalCodeLookup.normalizeCep("01001-000"));
        assertEquals(Optional.of("01001000"), ViaCepPostalCodeLookup.normalizeCep(" 01.001-000 "));
        assertEquals(Optional.of("01001000"), ViaCepPostalCodeLookup.normalizeCep("01001000"));
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("0100100").isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("010010000").isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("abcde-fgh").isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("01001/000").isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("2026-13-45").isEmpty(), "a date is not a CEP");
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("0-1-0-0-1-0-0-0").isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep(null).isEmpty());
        assertTrue(ViaCepPostalCodeLookup.normalizeCep("٠١٠٠١٠٠٠").isEmpty(), "only ASCII digits");
    }

    @Test
    void aKnownCodeAnswersItsAddressParts() {
        ViaCepPostalCodeLookup lookup = lookup(Clock.systemUTC(), 100);
        PostalAddress a = lookup.lookup("BR", "01001000").orElseThrow();
        assertEquals(new PostalAddress("01001-000", "Praça da Sé", "Sé", "São Paulo", "SP", "BR"), a);
        assertEquals(List.of("/ws/01001000/json/"), requested);
    }

    @Test
    void unknownCodesAreEmptyWhicheverWayViaCepSpellsIt() {
        ViaCepPostalCodeLookup lookup = lookup(Clock.systemUTC(), 100);
        assertTrue(lookup.lookup("BR", "99999-999").isEmpty());
        assertTrue(lookup.lookup("BR", "88888888").isEmpty());
    }

    @Test
    void malformedCodesAndOtherCountriesAreRefusedWithoutACall() {
        ViaCepPostalCodeLookup lookup = lookup(Clock.systemUTC(), 100);
        assertThrows(IllegalArgumentException.class, () -> lookup.lookup("BR", "123"));
        assertThrows(IllegalArgumentException.class, () -> lookup.lookup("PT", "1000-001"));
        assertFalse(lookup.supports("US"));
        assertTrue(requested.isEmpty());
    }

    @Test
    void serverErrorsAndAnUnreachableServiceAreUnavailableAndNotCached() {
        ViaCepPostalCodeLookup lookup = lookup(Clock.systemUTC(), 100);
        failWith = 503;
        assertThrows(PostalCodeServiceUnavailableException.class, () -> lookup.lookup("BR", "01001000"));
        failWith = 0;
        assertEquals("São Paulo", lookup.lookup("BR", "01001000").orElseThrow().city());
        server.stop(0);
        assertThrows(PostalCodeServiceUnavailableException.class, () -> lookup.lookup("BR", "20040002"));
        // still cached from before the server stopped
        assertEquals("SP", lookup.lookup("BR", "01001-000").orElseThrow().state());
    }

    @Test
    void answersAreCachedUntilTheirTtlAndTheCacheIsBounded() {
        MutableClock clock = new MutableClock();
        ViaCepPostalCodeLookup lookup = lookup(clock, 2);
        lookup.lookup("BR", "01001000");
        lookup.lookup("BR", "01001-000");
        assertEquals(1, requested.size(), "the second lookup came from the cache");
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        lookup.lookup("BR", "01001000");
        assertEquals(2, requested.size(), "an expired entry is asked again");
        lookup.lookup("BR", "20040002");
        lookup.lookup("BR", "99999999");
        assertEquals(2, lookup.cacheSize());
        lookup.lookup("BR", "01001000");
        assertEquals(5, requested.size(), "the least recently used entry was dropped");
    }

    @Test
    void anAnswerThatIsNotJsonIsUnavailable() {
        assertThrows(PostalCodeServiceUnavailableException.class, () -> ViaCepPostalCodeLookup.parse("<html>", "01001000"));
        assertThrows(PostalCodeServiceUnavailableException.class, () -> ViaCepPostalCodeLookup.parse("[1]", "01001000"));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
