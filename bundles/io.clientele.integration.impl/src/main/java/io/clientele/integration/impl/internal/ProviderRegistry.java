package io.clientele.integration.impl.internal;

import io.clientele.integration.api.IntegrationProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link IntegrationProvider} services present right now: a provider is listed from the moment its service
 * appears to the moment it goes (a bundle installed or uninstalled live). A provider is refused — not listed, a WARN
 * saying why — when its id breaks the id rule, repeats the id of one already listed, or its settings schema is not a
 * usable JSON object schema ({@link SettingsSchema#parse}); the schema is read once, when it arrives. A provider refused
 * for a repeated id waits, and is listed when the provider holding the id goes.
 */
@Component(service = ProviderRegistry.class)
public class ProviderRegistry {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    /** A listed provider with its schema and event topics, read once. */
    record Provider(IntegrationProvider service, String id, String name, SettingsSchema schema, Set<String> topics) {
    }

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();
    /** Providers refused because their id was taken, in arrival order. */
    private final List<IntegrationProvider> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addProvider(IntegrationProvider provider) {
        String id;
        String name;
        try {
            id = provider.id();
            name = provider.name();
            if (id == null || !ID.matcher(id).matches()) {
                LOG.warn("integration provider {} refused: its id '{}' is not lowercase letters, digits and hyphens starting with"
                        + " a letter, at most 40", provider.getClass().getName(), id);
                return;
            }
            if (name == null || name.isBlank() || provider.scope() == null) {
                LOG.warn("integration provider '{}' ({}) refused: it has no name or no scope", id, provider.getClass().getName());
                return;
            }
            SettingsSchema schema;
            try {
                schema = SettingsSchema.parse(provider.settingsSchema());
            } catch (IllegalArgumentException e) {
                LOG.warn("integration provider '{}' ({}) refused: {}", id, provider.getClass().getName(), e.getMessage());
                return;
            }
            Set<String> topics;
            try {
                topics = Set.copyOf(provider.eventTopics());
            } catch (RuntimeException e) {
                LOG.warn("integration provider '{}' ({}) failed to list its event topics ({}); it gets no deliveries", id,
                        provider.getClass().getName(), e.toString());
                topics = Set.of();
            }
            Provider listed = new Provider(provider, id, name, schema, topics);
            Provider existing = providers.putIfAbsent(id, listed);
            if (existing != null) {
                waiting.add(provider);
                LOG.warn("integration provider '{}' ({}) refused: the id is already taken by {}", id, provider.getClass().getName(),
                        existing.service().getClass().getName());
                return;
            }
            LOG.info("integration provider '{}' ({}) available", id, name);
        } catch (RuntimeException e) {
            LOG.warn("integration provider {} refused: it failed while describing itself: {}", provider.getClass().getName(), e.toString());
        }
    }

    synchronized void removeProvider(IntegrationProvider provider) {
        waiting.remove(provider);
        boolean listed = providers.values().removeIf(p -> {
            boolean gone = p.service() == provider;
            if (gone) {
                LOG.info("integration provider '{}' gone", p.id());
            }
            return gone;
        });
        if (listed) {
            List<IntegrationProvider> retry = List.copyOf(waiting);
            waiting.clear();
            retry.forEach(this::addProvider); // one of them may hold the freed id now
        }
    }

    Optional<Provider> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(providers.get(id));
    }

    /** The listed providers whose {@code eventTopics()} name {@code topic}, from memory. */
    List<Provider> listing(String topic) {
        List<Provider> listing = null;
        for (Provider p : providers.values()) {
            if (p.topics().contains(topic)) {
                if (listing == null) {
                    listing = new java.util.ArrayList<>();
                }
                listing.add(p);
            }
        }
        return listing == null ? List.of() : listing;
    }

    /** Every listed provider, by name. */
    List<Provider> all() {
        return providers.values().stream().sorted(Comparator.comparing(Provider::name).thenComparing(Provider::id)).toList();
    }
}
