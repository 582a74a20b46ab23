package io.clientele.integration.impl.internal;

import io.clientele.integration.api.Delivery;
import io.clientele.integration.api.DeliveryResult;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.impl.internal.DeliveryRecord.Status;
import io.clientele.integration.impl.internal.DeliveryStore.Claimed;
import io.clientele.integration.impl.internal.DeliveryStore.Outcome;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the delivery queue: every {@code deliveryPollIntervalMillis} it claims due deliveries ({@link DeliveryStore#claim},
 * each integration's oldest only) and, for each, calls its provider's {@code deliver} outside any transaction as the
 * delivery's agency, logs the attempt and schedules what follows: DELIVERED ends it ({@code recordSuccess}); RETRY, an
 * exception or no answer waits the provider's {@code retrySchedule()} entry for the attempt plus 0–20 % jitter, or the
 * answer's {@code retryAfter} when longer (a 429 or 503 with one also pauses the whole integration until then), and ends
 * it DEAD when the schedule has run out ({@code recordFailure(…, true)}); REJECTED ends it DEAD ({@code recordFailure(…, false)});
 * GONE ends it DEAD and sets the integration NEEDS_ATTENTION ({@code recordFailure(…, true)}), which stops its deliveries
 * until an ADMIN sets it ACTIVE again.
 */
@Component(immediate = true, configurationPid = IntegrationSecrets.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore deliveries;
    private final IntegrationStore integrations;
    private final ProviderRegistry providers;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Duration lease;
    private final int batchSize;
    private final double maxPerSecond;
    private final Duration deliveredRetention;
    private final Duration deadRetention;
    private final ReplayStore replay;
    private final ScheduledExecutorService scheduler;

    @Activate
    public DeliveryWorker(@Reference DeliveryStore deliveries, @Reference IntegrationStore integrations, @Reference ProviderRegistry providers,
                          @Reference ReplayStore replay, IntegrationConfig config) {
        this(deliveries, integrations, providers, replay, config, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        scheduler.scheduleWithFixedDelay(this::drain, 1000, Math.max(50, config.deliveryPollIntervalMillis()), TimeUnit.MILLISECONDS);
        long every = Math.max(1, config.deliveryPurgeIntervalMinutes());
        scheduler.scheduleWithFixedDelay(this::purgeLogged, Math.min(every, 5), every, TimeUnit.MINUTES);
    }

    /**
     * Polls again at once while a poll attempted something: a poll claims only each integration's oldest delivery, so
     * waiting the poll interval after each would let a backlog drain at one delivery per integration per interval.
     */
    void drain() {
        while (!Thread.currentThread().isInterrupted() && poll() > 0) {
            // the next batch
        }
    }

    /** A worker that polls only when told ({@link #poll}), on {@code clock}, with {@code random} in [0, 1) for the jitter. */
    DeliveryWorker(DeliveryStore deliveries, IntegrationStore integrations, ProviderRegistry providers, IntegrationConfig config,
                   Clock clock, DoubleSupplier random) {
        this(deliveries, integrations, providers, null, config, clock, random);
    }

    DeliveryWorker(DeliveryStore deliveries, IntegrationStore integrations, ProviderRegistry providers, ReplayStore replay,
                   IntegrationConfig config, Clock clock, DoubleSupplier random) {
        this.replay = replay;
        this.maxPerSecond = Math.max(0, config.deliveryMaxPerSecond());
        this.deliveredRetention = Duration.ofDays(Math.max(1, config.deliveredRetentionDays()));
        this.deadRetention = Duration.ofDays(Math.max(1, config.deadRetentionDays()));
        this.deliveries = deliveries;
        this.integrations = integrations;
        this.providers = providers;
        this.clock = clock;
        this.random = random;
        this.lease = Duration.ofSeconds(Math.max(config.deliveryLeaseSeconds(), 2L * Math.max(1, config.requestTimeoutSeconds()) + 5));
        this.batchSize = Math.max(1, config.deliveryBatchSize());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clientele-integration-deliveries");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the delivery worker did not stop in time; its claims are taken over when their leases end");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** One poll: claims a batch and works it off; answers how many deliveries it attempted. */
    int poll() {
        try {
            List<String> installed = providers.all().stream().filter(p -> !p.topics().isEmpty()).map(Provider::id).toList();
            List<Claimed> batch = deliveries.claim(installed, now(), lease, batchSize);
            int attempted = 0;
            for (Claimed claimed : batch) {
                if (Thread.currentThread().isInterrupted()) {
                    break; // deactivated: the rest are taken over when their leases end
                }
                try {
                    if (DeliveryQueue.asAgency(claimed.agencyId(), () -> attempt(claimed))) {
                        attempted++;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("delivery {} to integration {} could not be worked off ({}); it is tried again when its lease ends",
                            claimed.id(), claimed.integrationId(), e.toString());
                }
            }
            return attempted;
        } catch (RuntimeException e) {
            LOG.warn("the delivery worker's poll failed: {}", e.toString());
            return 0;
        }
    }

    /** One attempt of a claimed delivery, as its agency. */
    private boolean attempt(Claimed claimed) {
        Optional<Provider> found = providers.find(claimed.providerId());
        if (found.isEmpty()) {
            return false; // gone since the claim: the lease runs out and the delivery waits for the provider's return
        }
        Provider provider = found.get();
        long version = deliveries.renew(claimed, now(), lease);
        if (version < 0) {
            return false; // another node took it over
        }
        int attempt = claimed.attempts() + 1;
        DeliveryResult result;
        Instant startedAt = now();
        long started = System.nanoTime();
        IntegrationContext context = null;
        try {
            context = integrations.context(claimed.integrationId()).orElse(null);
            if (context == null) {
                result = DeliveryResult.rejected(null, null, "The integration no longer exists.");
            } else {
                Delivery delivery = new Delivery(claimed.id(), claimed.integrationId(), claimed.topic(), claimed.occurredAt(),
                        DeliveryStore.payload(claimed.payloadJson()), attempt);
                result = provider.service().deliver(context, delivery);
                if (result == null) {
                    result = DeliveryResult.retry(null, null, null, "The provider gave no answer.");
                }
            }
        } catch (SecretCipher.UnreadableSecret e) {
            result = DeliveryResult.retry(null, null, null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("integration {}: provider '{}' failed while delivering {}: {}", claimed.integrationId(), provider.id(), claimed.id(),
                    e.getClass().getName());
            result = DeliveryResult.retry(null, null, null, "The provider failed while delivering (" + e.getClass().getSimpleName() + ").");
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Instant now = now();
        Outcome outcome = spaced(outcome(provider, attempt, result, latencyMs, now), startedAt, rate(provider, context));
        if (!deliveries.finish(claimed, version, outcome)) {
            LOG.info("delivery {}: its claim was taken over during the attempt; this attempt's outcome is only logged", claimed.id());
            return true;
        }
        switch (result.outcome()) {
            case DELIVERED -> integrations.recordSuccess(claimed.integrationId());
            case REJECTED -> integrations.recordFailure(claimed.integrationId(), message(claimed, result), false);
            case GONE -> integrations.recordFailure(claimed.integrationId(), message(claimed, result), true);
            case RETRY -> {
                if (outcome.status() == Status.DEAD) {
                    integrations.recordFailure(claimed.integrationId(), "Delivery " + claimed.id() + " failed " + attempt
                            + " times and was given up: " + result.message(), true);
                }
            }
        }
        return true;
    }

    private static String message(Claimed claimed, DeliveryResult result) {
        return "Delivery " + claimed.id() + ": " + result.message();
    }

    /** The delivery's state after an attempt that ended in {@code result}. */
    Outcome outcome(Provider provider, int attempt, DeliveryResult result, long latencyMs, Instant now) {
        Status status;
        Instant next = now;
        Instant pause = null;
        switch (result.outcome()) {
            case DELIVERED -> status = Status.DELIVERED;
            case REJECTED, GONE -> status = Status.DEAD;
            default -> {
                List<Duration> schedule = schedule(provider);
                if (attempt - 1 >= schedule.size()) {
                    status = Status.DEAD;
                } else {
                    status = Status.PENDING;
                    Duration wait = jittered(schedule.get(attempt - 1));
                    Duration retryAfter = result.retryAfter();
                    if (retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(wait) > 0) {
                        wait = retryAfter;
                    }
                    next = now.plus(wait);
                    Integer code = result.status();
                    if (retryAfter != null && !retryAfter.isNegative() && code != null && (code == 429 || code == 503)) {
                        pause = now.plus(retryAfter);
                    }
                }
            }
        }
        return new Outcome(status, attempt, next, result.outcome().name(), result.status(), result.message(), latencyMs,
                result.answerExcerpt(), now, pause);
    }

    /**
     * The integration's delivery rate: the lower of the operator's {@code deliveryMaxPerSecond} and the provider's
     * {@code maxDeliveriesPerSecond} for it, each counted only when positive; 0 for none.
     */
    double rate(Provider provider, IntegrationContext context) {
        double own = 0;
        if (context != null) {
            try {
                own = provider.service().maxDeliveriesPerSecond(context);
            } catch (RuntimeException e) {
                LOG.warn("integration {}: provider '{}' failed to say its delivery rate ({}); the operator's limit alone holds",
                        context.integrationId(), provider.id(), e.getClass().getName());
            }
        }
        double operator = maxPerSecond;
        boolean ownSet = own > 0 && Double.isFinite(own);
        boolean operatorSet = operator > 0 && Double.isFinite(operator);
        return ownSet && operatorSet ? Math.min(own, operator) : ownSet ? own : operatorSet ? operator : 0;
    }

    /**
     * {@code outcome} with the integration paused until {@code 1 / rate} seconds after the attempt started, when that is later
     * than the pause it has (a {@code Retry-After}): the integration's next attempt, on whichever node, cannot start before.
     * Because one integration's deliveries go one at a time and the pause is the integration row's, attempts start at least
     * that far apart across the whole cluster.
     */
    static Outcome spaced(Outcome outcome, Instant startedAt, double rate) {
        if (rate <= 0) {
            return outcome;
        }
        Instant earliest = startedAt.plusNanos((long) Math.ceil(1_000_000_000d / rate)).truncatedTo(ChronoUnit.MICROS);
        if (!earliest.isAfter(outcome.at()) || (outcome.pauseUntil() != null && !earliest.isAfter(outcome.pauseUntil()))) {
            return outcome;
        }
        return new Outcome(outcome.status(), outcome.attempts(), outcome.nextAttemptAt(), outcome.outcome(), outcome.httpStatus(),
                outcome.message(), outcome.latencyMs(), outcome.answerExcerpt(), outcome.at(), earliest);
    }

    // ---- clean-up

    private void purgeLogged() {
        try {
            Map<String, Integer> removed = purge();
            if (removed.values().stream().anyMatch(n -> n > 0)) {
                LOG.info("integration clean-up removed {}", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("the integration clean-up failed, trying again at its next run: {}", e.toString());
        }
    }

    /**
     * Removes DELIVERED deliveries whose last attempt is older than {@code deliveredRetentionDays}, DEAD ones older than
     * {@code deadRetentionDays} (both with their attempt logs), and the inbound message ids outside the replay window.
     * Plain deletes: any node may run it at any time, twice is harmless. Answers how many rows of each it removed.
     */
    Map<String, Integer> purge() {
        Instant now = now();
        Map<String, Integer> removed = new java.util.LinkedHashMap<>();
        removed.put("delivered", deliveries.purge(Status.DELIVERED, now.minus(deliveredRetention)));
        removed.put("dead", deliveries.purge(Status.DEAD, now.minus(deadRetention)));
        if (replay != null) {
            removed.put("inboundMessageIds", replay.purge());
        }
        return removed;
    }

    /** {@code wait} plus 0 to 20 % of it. */
    Duration jittered(Duration wait) {
        double factor = 1 + 0.2 * Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofNanos((long) (wait.toNanos() * factor)).truncatedTo(ChronoUnit.MICROS);
    }

    private static List<Duration> schedule(Provider provider) {
        try {
            List<Duration> schedule = provider.service().retrySchedule();
            return schedule == null ? IntegrationProvider.DEFAULT_RETRY_SCHEDULE : schedule;
        } catch (RuntimeException e) {
            return IntegrationProvider.DEFAULT_RETRY_SCHEDULE;
        }
    }
}
