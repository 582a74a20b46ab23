package io.clientele.integration.impl.internal;

import io.clientele.integration.api.InboundAnswer;
import io.clientele.integration.api.InboundRequest;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.rest.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/integrations/{id}/webhook}: a call an outside service makes to one integration, handed to its
 * provider's {@code receive}. Nobody is authenticated here: the provider's own signature check decides. So that callers
 * cannot make the platform work hard for nothing, the checks run cheapest first and an unknown id never costs a write:
 * <ol>
 *   <li>an id that cannot be an integration's, or one this node found missing in the last minute: 404, no database;</li>
 *   <li>a {@code Content-Length} over {@code inboundMaxBodyBytes}: 413 at once; the body is then read up to that limit
 *       (413 past it);</li>
 *   <li>a slot among {@code inboundMaxConcurrent} calls at once on this node, or 503 with {@code Retry-After};</li>
 *   <li>the integration, looked up by primary key alone (a read): none, or DISCONNECTED, or of a provider whose module the
 *       agency has not enabled: 404 as for an unknown id (an unauthenticated caller learns nothing of its state); its
 *       provider's bundle not installed: 503 {@code service_unavailable} with {@code Retry-After: 60}, because that is
 *       an operator's passing state (an upgrade, a reinstall) and the service's retry will then get through;</li>
 *   <li>at most {@code inboundMaxPerSecond} calls per second per integration on this node, or 429 with {@code Retry-After};</li>
 *   <li>the provider's {@code receive}, outside any transaction, as the integration's agency (the tenant comes from the
 *       record, never from the call), with the body's bytes as sent and the headers (names in lower case). Its
 *       {@link InboundAnswer} is the answer: a 2xx as that status (204 without a body, others with its message as
 *       {@code text/plain}), a 4xx as problem+json with that status. An exception or no answer is logged and answered
 *       503 with {@code Retry-After}, never a 500, and the message ids its {@code ReplayGuard} remembered during the call
 *       are forgotten again (so are they after any refusal), so the service's retry of the same message is accepted.</li>
 * </ol>
 */
@Component(service = InboundWebhooks.class, configurationPid = IntegrationSecrets.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class InboundWebhooks {

    /** What an integration id can look like (ids are UUIDs); anything else is a 404 without a lookup. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    /** The {@code Retry-After} of a provider that failed or is not installed, and of a node out of slots. */
    static final long PROVIDER_RETRY_AFTER_SECONDS = 60;
    static final long BUSY_RETRY_AFTER_SECONDS = 1;
    private static final long MISS_MEMORY_NANOS = 60_000_000_000L;
    private static final int MAX_MISSES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(InboundWebhooks.class);

    /** An accepted call: the status and message to answer. */
    record Accepted(int status, String message) {
    }

    private final Database database;
    private final ProviderRegistry providers;
    private final IntegrationStore integrations;
    private final ReplayStore replay;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final InboundLimiter limiter;
    /** Ids this node found missing, with when it did (nanoTime). */
    private final Map<String, Long> misses = new ConcurrentHashMap<>();
    private volatile long maxBodyBytes;
    private volatile int maxPerSecond;
    private volatile Semaphore slots;
    private int slotCount;

    @Activate
    public InboundWebhooks(@Reference Database database, @Reference ProviderRegistry providers, @Reference IntegrationStore integrations,
                           @Reference ReplayStore replay, IntegrationConfig config) {
        this(database, providers, integrations, replay, config, Clock.systemUTC(), System::nanoTime);
    }

    InboundWebhooks(Database database, ProviderRegistry providers, IntegrationStore integrations, ReplayStore replay, IntegrationConfig config,
                    Clock clock, LongSupplier nanoTime) {
        this.database = database;
        this.providers = providers;
        this.integrations = integrations;
        this.replay = replay;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.limiter = new InboundLimiter(nanoTime);
        modified(config);
    }

    @Modified
    void modified(IntegrationConfig config) {
        maxBodyBytes = Math.max(1, config.inboundMaxBodyBytes());
        maxPerSecond = config.inboundMaxPerSecond();
        int concurrent = Math.max(1, config.inboundMaxConcurrent());
        if (slots == null || slotCount != concurrent) {
            slotCount = concurrent;
            slots = new Semaphore(concurrent); // calls running now give their slots back to the old one
        }
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Hands one inbound call to its integration's provider; answers what to send back when the provider accepted it, and
     * throws a {@link ProblemException} for everything else (see the class comment).
     */
    Accepted receive(String integrationId, Map<String, List<String>> headers, String contentLength, InputStream body) {
        if (integrationId == null || !ID.matcher(integrationId).matches() || recentlyMissing(integrationId)) {
            throw notFound(integrationId);
        }
        long max = maxBodyBytes;
        refuseAnnouncedExcess(contentLength, max);
        byte[] bytes = read(body, max);
        Semaphore held = slots;
        if (!held.tryAcquire()) {
            throw new ProblemException(503, "service_unavailable", "The platform is handling as many inbound calls as it takes at once; try again"
                    + " in a moment.", null, BUSY_RETRY_AFTER_SECONDS);
        }
        try {
            return handle(integrationId, headers, bytes);
        } finally {
            held.release();
        }
    }

    private Accepted handle(String integrationId, Map<String, List<String>> headers, byte[] body) {
        Optional<String[]> found = database.inTransaction(c -> Jdbc.queryOne(c,
                "SELECT agency_id, provider_id, status FROM integration_integration WHERE id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, integrationId));
        if (found.isEmpty()) {
            missing(integrationId);
            throw notFound(integrationId);
        }
        String agencyId = found.get()[0];
        String providerId = found.get()[1];
        if (IntegrationStatus.DISCONNECTED.name().equals(found.get()[2])) {
            throw notFound(integrationId);
        }
        Provider provider = providers.find(providerId).orElseThrow(() -> new ProblemException(503, "service_unavailable",
                "The integration's provider is not installed right now; try again later.", null, PROVIDER_RETRY_AFTER_SECONDS));
        return DeliveryQueue.asAgency(agencyId, () -> {
            if (!integrations.usableByAgency(provider)) {
                throw notFound(integrationId);
            }
            long wait = limiter.acquire(integrationId, maxPerSecond);
            if (wait > 0) {
                throw ProblemException.rateLimited("Too many calls to this integration; try again in " + wait + " seconds.", wait);
            }
            return call(provider, integrationId, headers, body);
        });
    }

    /** The provider's {@code receive} for the integration, as its agency. */
    private Accepted call(Provider provider, String integrationId, Map<String, List<String>> headers, byte[] body) {
        List<String> remembered = new ArrayList<>();
        InboundAnswer answer;
        try {
            IntegrationContext context = integrations.inboundContext(integrationId, remembered::add).orElseThrow(() -> notFound(integrationId));
            InboundRequest request = new InboundRequest(lowerCase(headers), body, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            answer = provider.service().receive(context, request);
        } catch (ProblemException e) {
            forget(integrationId, remembered);
            throw e;
        } catch (SecretCipher.UnreadableSecret e) {
            forget(integrationId, remembered);
            LOG.warn("integration {}: an inbound call could not be handed to provider '{}': {}", integrationId, provider.id(), e.getMessage());
            throw providerFailed();
        } catch (RuntimeException | LinkageError e) {
            forget(integrationId, remembered);
            LOG.warn("integration {}: provider '{}' failed while receiving an inbound call: {}", integrationId, provider.id(), e.getClass().getName());
            throw providerFailed();
        }
        if (answer == null) {
            forget(integrationId, remembered);
            LOG.warn("integration {}: provider '{}' gave no answer to an inbound call", integrationId, provider.id());
            throw providerFailed();
        }
        if (!answer.isAccepted()) {
            forget(integrationId, remembered);
            throw new ProblemException(answer.status(), codeOf(answer.status()), answer.message(), null,
                    answer.status() == 429 ? PROVIDER_RETRY_AFTER_SECONDS : null);
        }
        return new Accepted(answer.status(), answer.message());
    }

    private void forget(String integrationId, List<String> remembered) {
        try {
            replay.forget(integrationId, remembered);
        } catch (RuntimeException e) {
            LOG.warn("integration {}: the message ids of a failed inbound call could not be forgotten ({}); the service's retry of"
                    + " them is refused until their window ends", integrationId, e.toString());
        }
    }

    private static ProblemException providerFailed() {
        return new ProblemException(503, "service_unavailable", "The integration's provider failed while handling the call; try again later.",
                null, PROVIDER_RETRY_AFTER_SECONDS);
    }

    private static ProblemException notFound(String integrationId) {
        return ProblemException.notFound("Integration " + integrationId);
    }

    /** The problem code of a provider's refusal with {@code status}. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "malformed_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> "refused";
        };
    }

    private boolean recentlyMissing(String integrationId) {
        Long at = misses.get(integrationId);
        if (at == null) {
            return false;
        }
        if (nanoTime.getAsLong() - at > MISS_MEMORY_NANOS) {
            misses.remove(integrationId, at);
            return false;
        }
        return true;
    }

    private void missing(String integrationId) {
        if (misses.size() >= MAX_MISSES) {
            misses.clear();
        }
        misses.put(integrationId, nanoTime.getAsLong());
    }

    private static void refuseAnnouncedExcess(String contentLength, long max) {
        if (contentLength == null || contentLength.isBlank()) {
            return;
        }
        long announced;
        try {
            announced = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.malformed("The Content-Length header is not a number.", null);
        }
        if (announced > max) {
            throw tooLarge(max);
        }
    }

    private static ProblemException tooLarge(long max) {
        return ProblemException.payloadTooLarge("An inbound call's body may have at most " + max + " bytes.");
    }

    /** The body's bytes, at most {@code max} (413 past it). */
    static byte[] read(InputStream body, long max) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(max);
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.malformed("The request body could not be read to its end.", null);
        }
    }

    /** Header names in lower case, each with its values in order (names repeated in other cases joined). */
    static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
                }
            });
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        out.forEach((name, values) -> frozen.put(name, List.copyOf(values.stream().map(v -> v == null ? "" : v).toList())));
        return java.util.Collections.unmodifiableMap(frozen);
    }
}
