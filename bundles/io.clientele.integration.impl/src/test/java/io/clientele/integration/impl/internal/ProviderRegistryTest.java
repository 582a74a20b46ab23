package io.clientele.integration.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientele.integration.api.IntegrationProvider;
import io.clientele.integration.api.ProviderScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Providers come and go; bad ids, repeated ids and unusable schemas are never listed. */
class ProviderRegistryTest {

    static IntegrationProvider provider(String id, String name, String schema) {
        return new TestProvider(id, name, ProviderScope.CUSTOMER, null, schema);
    }

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}";

    private static List<String> ids(ProviderRegistry registry) {
        return registry.all().stream().map(ProviderRegistry.Provider::id).toList();
    }

    @Test
    void providersAreListedByNameWhileTheyExist() {
        ProviderRegistry registry = new ProviderRegistry();
        IntegrationProvider zebra = provider("zebra", "Zebra", SCHEMA);
        IntegrationProvider alpha = provider("alpha-2", "Alpha", SCHEMA);
        registry.addProvider(zebra);
        registry.addProvider(alpha);
        assertEquals(List.of("alpha-2", "zebra"), ids(registry));
        assertTrue(registry.find("zebra").isPresent());
        registry.removeProvider(zebra);
        assertEquals(List.of("alpha-2"), ids(registry));
        assertTrue(registry.find("zebra").isEmpty());
        assertTrue(registry.find(null).isEmpty());
    }

    @Test
    void badIdsRepeatedIdsAndBadSchemasAreRefused() {
        ProviderRegistry registry = new ProviderRegistry();
        for (String bad : new String[] {null, "", "Upper", "1abc", "-abc", "with_underscore", "with space", "a".repeat(41), "ação"}) {
            registry.addProvider(provider(bad, "Bad", SCHEMA));
        }
        registry.addProvider(provider("a".repeat(40), "Longest", SCHEMA));
        registry.addProvider(provider("ok", "First", SCHEMA));
        IntegrationProvider second = provider("ok", "Second", SCHEMA);
        registry.addProvider(second);
        registry.addProvider(provider("no-schema", "No schema", "{\"type\":\"object\"}"));
        registry.addProvider(provider("broken", "Broken", "{"));
        registry.addProvider(provider("no-name", null, SCHEMA));
        assertEquals(List.of("ok", "a".repeat(40)), ids(registry));
        assertEquals("First", registry.find("ok").orElseThrow().name());
        registry.removeProvider(second); // the refused duplicate going changes nothing
        assertEquals("First", registry.find("ok").orElseThrow().name());
    }

    @Test
    void aProviderRefusedForATakenIdIsListedWhenTheHolderGoes() {
        ProviderRegistry registry = new ProviderRegistry();
        IntegrationProvider first = provider("ok", "First", SCHEMA);
        registry.addProvider(first);
        registry.addProvider(provider("ok", "Second", SCHEMA));
        registry.removeProvider(first);
        assertEquals("Second", registry.find("ok").orElseThrow().name());
        assertEquals(List.of("ok"), ids(registry));
    }
}
