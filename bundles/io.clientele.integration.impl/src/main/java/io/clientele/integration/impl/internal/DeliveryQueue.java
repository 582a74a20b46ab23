package io.clientele.integration.impl.internal;

import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.event.TransactionalEventListener;
import io.clientele.platform.jpa.EntityWork;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a {@link DeliveryRecord} per interested integration for every domain event, in the transaction of the change
 * that raised it, so a delivery exists exactly when its change committed. Runs on every change of every module: when no
 * installed provider lists the topic in its {@code eventTopics()} (read once, when the provider arrived) it returns at
 * once, without touching the database. Otherwise it reads the event agency's ACTIVE integrations of those providers and
 * queues a PENDING delivery for each whose provider {@code wants} the topic. A failure to write fails the change.
 */
@Component(service = TransactionalEventListener.class)
public class DeliveryQueue implements TransactionalEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last id's time and sequence: ids made by this runtime sort in the order they were made. */
    private static final AtomicLong LAST = new AtomicLong();

    private final EntityWork work;
    private final ProviderRegistry providers;
    private final IntegrationStore store;
    private final Clock clock;

    @Activate
    public DeliveryQueue(@Reference Database database, @Reference(target = "(osgi.unit.name=integration)") EntityManagerFactory unit,
                         @Reference ProviderRegistry providers, @Reference IntegrationStore store) {
        this(new EntityWork(database, unit), providers, store, Clock.systemUTC());
    }

    /** A queue that stamps its rows with {@code clock}'s time (the worker's, in tests). */
    DeliveryQueue(EntityWork work, ProviderRegistry providers, IntegrationStore store, Clock clock) {
        this.clock = clock;
        this.work = work;
        this.providers = providers;
        this.store = store;
    }

    @Override
    public void inTransaction(String topic, Map<String, Object> properties) {
        List<Provider> listing = providers.listing(topic);
        if (listing.isEmpty()) {
            return;
        }
        if (!(properties.get(DomainEvents.AGENCY_ID) instanceof String agencyId) || agencyId.isEmpty()) {
            return;
        }
        String payload = JsonValues.write(plain(properties));
        Instant occurredAt = occurredAt(properties.get(DomainEvents.AT));
        asAgency(agencyId, () -> work.inTransaction(em -> {
            List<Provider> usable = listing.stream().filter(store::usableByAgency).toList();
            if (usable.isEmpty()) {
                return null;
            }
            List<IntegrationRecord> integrations = em.createQuery("SELECT e FROM Integration e WHERE e.status = :active"
                            + " AND e.providerId IN :providers ORDER BY e.createdAt, e.id", IntegrationRecord.class)
                    .setParameter("active", IntegrationStatus.ACTIVE)
                    .setParameter("providers", usable.stream().map(Provider::id).toList()).getResultList();
            Instant now = now();
            for (IntegrationRecord integration : integrations) {
                Provider provider = usable.stream().filter(p -> p.id().equals(integration.providerId())).findFirst().orElseThrow();
                if (wants(provider, integration, topic)) {
                    em.persist(new DeliveryRecord(newId(), integration.id(), topic, occurredAt, payload, now));
                }
            }
            return null;
        }));
    }

    /** The provider's {@code wants}; a provider that fails to answer gets nothing (WARN), and the change goes on. */
    private boolean wants(Provider provider, IntegrationRecord integration, String topic) {
        try {
            IntegrationContext context = store.contextOf(integration);
            return provider.service().wants(context, topic);
        } catch (RuntimeException e) {
            LOG.warn("integration {}: provider '{}' failed to say whether it wants {} ({}); no delivery queued", integration.id(),
                    provider.id(), topic, e instanceof SecretCipher.UnreadableSecret ? e.getMessage() : e.getClass().getName());
            return false;
        }
    }

    /**
     * The event's properties as JSON can hold them: text, numbers, booleans, lists and maps as they are, anything else
     * (an {@code Instant}, an enum) as its text, so no module's property type can fail the change.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(DeliveryQueue::plain).toList();
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(DeliveryQueue::plain).toList();
        }
        return String.valueOf(value);
    }

    /** Runs {@code work} as {@code agencyId}: the caller's own agency as is, another one as the platform. */
    static <T> T asAgency(String agencyId, java.util.function.Supplier<T> work) {
        if (Objects.equals(RequestContext.current().map(Principal::agencyId).orElse(null), agencyId)) {
            return work.get();
        }
        return RequestContext.runAs(Principal.system(agencyId, null, "integration deliveries"), work);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Instant occurredAt(Object at) {
        if (at instanceof String text) {
            try {
                return Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                // the event's own time is unreadable: the time it is queued
            }
        }
        return now();
    }

    /**
     * {@code msg_}, 12 hex digits of the millisecond, 8 of a sequence and 12 random: 36 characters, in the order this
     * runtime made them (ids of different nodes made in the same millisecond may interleave).
     */
    static String newId() {
        long millis = System.currentTimeMillis();
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, millis << 20));
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "msg_" + String.format("%012x%08x", stamp >>> 20, stamp & 0xFFFFF) + HexFormat.of().formatHex(random);
    }
}
