package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.customer.api.PostalAddress;
import io.clientele.customer.api.PostalCodeLookup;
import io.clientele.customer.api.PostalCodeServiceUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brazilian postal codes (CEP) through ViaCEP ({@code GET <baseUrl>/ws/<8 digits>/json/}): an address is answered
 * as JSON, an unknown code as {@code {"erro": true}} and a malformed one with status 400. Answers, including
 * "unknown", are cached in memory for a while (bounded, least recently used dropped first); failures are not.
 */
@Component(service = PostalCodeLookup.class, configurationPid = "io.clientele.postalcode",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PostalCodeConfig.class)
public class ViaCepPostalCodeLookup implements PostalCodeLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ViaCepPostalCodeLookup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern CEP = java.util.regex.Pattern.compile("[0-9]{5}-?[0-9]{3}|[0-9]{2}\\.[0-9]{3}-?[0-9]{3}");

    /** The configuration in effect (swapped whole on a change). */
    record Settings(String baseUrl, Duration connectTimeout, Duration readTimeout, Duration cacheTtl, int cacheMaxEntries) {
        Settings {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://viacep.com.br" : baseUrl.trim();
            while (baseUrl.endsWith("/")) {
                baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
            }
        }

        static Settings of(PostalCodeConfig c) {
            return new Settings(c.baseUrl(),
                    Duration.ofMillis(Math.max(1, c.connectTimeoutMillis())), Duration.ofMillis(Math.max(1, c.readTimeoutMillis())),
                    Duration.ofSeconds(Math.max(0, c.cacheTtlSeconds())), Math.max(0, c.cacheMaxEntries()));
        }
    }

    private record Cached(Optional<PostalAddress> address, Instant expires) {
    }

    private final Clock clock;
    private volatile Settings settings;
    private volatile HttpClient http;
    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);

    @Activate
    public ViaCepPostalCodeLookup(PostalCodeConfig config) {
        this(Settings.of(config), Clock.systemUTC());
    }

    ViaCepPostalCodeLookup(Settings settings, Clock clock) {
        this.clock = clock;
        apply(settings);
    }

    @Modified
    void modified(PostalCodeConfig config) {
        apply(Settings.of(config));
    }

    private void apply(Settings s) {
        this.http = HttpClient.newBuilder().connectTimeout(s.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.settings = s;
        synchronized (cache) {
            cache.clear();
        }
    }

    @Override
    public boolean supports(String country) {
        return "BR".equals(country);
    }

    @Override
    public Optional<PostalAddress> lookup(String country, String code) {
        if (!supports(country)) {
            throw new IllegalArgumentException("postal codes of " + country + " cannot be looked up");
        }
        String cep = normalizeCep(code).orElseThrow(() -> new IllegalArgumentException("not a CEP: " + code));
        Instant now = clock.instant();
        synchronized (cache) {
            Cached hit = cache.get(cep);
            if (hit != null && hit.expires().isAfter(now)) {
                return hit.address();
            }
        }
        Settings s = settings;
        Optional<PostalAddress> answer = fetch(s, cep);
        if (!s.cacheTtl().isZero() && s.cacheMaxEntries() > 0) {
            synchronized (cache) {
                cache.put(cep, new Cached(answer, now.plus(s.cacheTtl())));
                while (cache.size() > s.cacheMaxEntries()) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        return answer;
    }

    int cacheSize() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private Optional<PostalAddress> fetch(Settings s, String cep) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/ws/" + cep + "/json/")).timeout(s.readTimeout())
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            throw new PostalCodeServiceUnavailableException("the configured ViaCEP URL is not usable: " + s.baseUrl(), e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("ViaCEP at {} did not answer: {}", s.baseUrl(), e.toString());
            throw new PostalCodeServiceUnavailableException("ViaCEP did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostalCodeServiceUnavailableException("interrupted while asking ViaCEP", e);
        }
        if (response.statusCode() == 400) {
            return Optional.empty(); // ViaCEP's answer to a code it does not accept
        }
        if (response.statusCode() != 200) {
            LOG.warn("ViaCEP at {} answered {} for {}", s.baseUrl(), response.statusCode(), cep);
            throw new PostalCodeServiceUnavailableException("ViaCEP answered status " + response.statusCode(), null);
        }
        return parse(response.body(), cep);
    }

    /** Reads ViaCEP's JSON; {@code {"erro": true}} (or {@code "true"}) is an unknown code. */
    static Optional<PostalAddress> parse(String body, String cep) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new PostalCodeServiceUnavailableException("ViaCEP answered something that is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new PostalCodeServiceUnavailableException("ViaCEP answered something that is not a JSON object", null);
        }
        if (json.path("erro").asBoolean(false) || "true".equalsIgnoreCase(json.path("erro").asText())) {
            return Optional.empty();
        }
        String postalCode = text(json, "cep");
        return Optional.of(new PostalAddress(postalCode == null ? format(cep) : postalCode, text(json, "logradouro"),
                text(json, "bairro"), text(json, "localidade"), text(json, "uf"), "BR"));
    }

    /** A CEP as its 8 digits ({@code 01001-000}, {@code 01001000}, {@code 01.001-000} are all {@code 01001000}); anything else is malformed. */
    static Optional<String> normalizeCep(String code) {
        if (code == null || code.length() > 20) {
            return Optional.empty();
        }
        String c = code.trim();
        // only the ways a CEP is written: 01001000, 01001-000, 01.001-000 (not any string that has 8 digits, e.g. a date)
        return CEP.matcher(c).matches() ? Optional.of(c.replace("-", "").replace(".", "")) : Optional.empty();
    }

    static String format(String digits) {
        return digits.substring(0, 5) + "-" + digits.substring(5);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
