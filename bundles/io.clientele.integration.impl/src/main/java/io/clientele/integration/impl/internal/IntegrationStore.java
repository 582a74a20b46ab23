package io.clientele.integration.impl.internal;

import io.clientele.customer.api.CustomerDirectory;
import io.clientele.integration.api.ConnectionCheck;
import io.clientele.integration.api.Integration;
import io.clientele.integration.api.IntegrationContext;
import io.clientele.integration.api.IntegrationEvents;
import io.clientele.integration.api.IntegrationService;
import io.clientele.integration.api.IntegrationStatus;
import io.clientele.integration.api.OutboundHttp;
import io.clientele.integration.api.ProviderScope;
import io.clientele.integration.impl.internal.ProviderRegistry.Provider;
import io.clientele.integration.impl.internal.Views.TestResult;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.domain.Refusal;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.FieldChange;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.notification.NotificationService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.Page;
import io.clientele.platform.api.rest.PageRequest;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.users.User;
import io.clientele.platform.api.users.UserDirectory;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.platform.jpa.KeysetPages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agencies' integrations: records of the provider they use, the customer they belong to (none for an agency-wide
 * one), their plain settings and their secret ones encrypted ({@link SecretCipher}), status and last success or error.
 * Through the REST API an integration under a customer is reachable exactly when the caller can see the customer
 * ({@link CustomerDirectory}); through {@link IntegrationService} (provider bundles, scheduled work) every integration
 * of the agency is. Changes of a customer's integrations are recorded in the customer's history, secret values never.
 */
@Component(service = {IntegrationService.class, IntegrationStore.class})
public class IntegrationStore implements IntegrationService {

    /** What a client may change: the settings (merged per property) and the status. */
    static final MergePatch PATCH = MergePatch.only("integration", Set.of("id", "providerId", "customerId", "secretsSet",
            "providerAvailable", "lastSuccessAt", "lastErrorAt", "lastError", "version", "createdAt", "updatedAt"), Set.of("settings", "status"));
    /** What history shows of a secret setting that holds a value. */
    static final String SECRET_MARK = "(secret)";
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationStore.class);

    private final EntityWork work;
    private final ProviderRegistry providers;
    private final IntegrationSecrets secrets;
    private final OutboundHttp http;
    private final CustomerDirectory customers;
    private final ModuleRegistry modules;
    private final HistoryService history;
    private final DomainEvents events;
    private final NotificationService notifications;
    private final UserDirectory users;

    @Activate
    public IntegrationStore(@Reference Database database, @Reference(target = "(osgi.unit.name=integration)") EntityManagerFactory unit,
                            @Reference IntegrationSchema schema, @Reference ProviderRegistry providers, @Reference IntegrationSecrets secrets,
                            @Reference OutboundHttp http, @Reference CustomerDirectory customers, @Reference ModuleRegistry modules,
                            @Reference HistoryService history, @Reference DomainEvents events, @Reference NotificationService notifications,
                            @Reference UserDirectory users) {
        this(new EntityWork(database, unit), providers, secrets, http, customers, modules, history, events, notifications, users);
    }

    IntegrationStore(EntityWork work, ProviderRegistry providers, IntegrationSecrets secrets, OutboundHttp http, CustomerDirectory customers,
                     ModuleRegistry modules, HistoryService history, DomainEvents events, NotificationService notifications,
                     UserDirectory users) {
        this.work = work;
        this.providers = providers;
        this.secrets = secrets;
        this.http = http;
        this.customers = customers;
        this.modules = modules;
        this.history = history;
        this.events = events;
        this.notifications = notifications;
        this.users = users;
    }

    // ---- providers

    /** The providers the caller's agency may use: listed, and of no module or of a module the agency has enabled. */
    List<Provider> availableProviders() {
        Set<String> enabled = enabledModules();
        return providers.all().stream().filter(p -> usable(p, enabled)).toList();
    }

    /** Whether the caller's agency may use {@code provider} (of no module, or of one the agency has enabled). */
    boolean usableByAgency(Provider provider) {
        String module;
        try {
            module = provider.service().module();
        } catch (RuntimeException e) {
            return usable(provider, Set.of()); // logs and refuses
        }
        return module == null || usable(provider, enabledModules());
    }

    private Optional<Provider> availableProvider(String providerId) {
        return providers.find(providerId).filter(p -> usable(p, enabledModules()));
    }

    private Set<String> enabledModules() {
        Set<String> enabled = new TreeSet<>();
        modules.statusFor(RequestContext.agencyId()).stream().filter(m -> m.installed() && m.enabled()).forEach(m -> enabled.add(m.id()));
        return enabled;
    }

    private static boolean usable(Provider provider, Set<String> enabledModules) {
        String module;
        try {
            module = provider.service().module();
        } catch (RuntimeException e) {
            LOG.warn("integration provider '{}' failed to name its module: {}", provider.id(), e.toString());
            return false;
        }
        return module == null || enabledModules.contains(module);
    }

    // ---- reads

    /** The integration if it is the agency's and, when it has a customer, the caller can see the customer. */
    public Integration get(String integrationId) {
        return work.inTransaction(em -> visibleRecord(em, integrationId).map(this::toApi)).orElseThrow(() -> notFound(integrationId));
    }

    private Optional<IntegrationRecord> visibleRecord(EntityManager em, String integrationId) {
        if (integrationId == null || integrationId.isEmpty() || integrationId.length() > 36) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(IntegrationRecord.class, integrationId)).filter(r -> visibleCustomer(r.customerId()));
    }

    private boolean visibleCustomer(String customerId) {
        return customerId == null || (customerId.length() <= 36 && customers.find(customerId).isPresent());
    }

    private static ProblemException notFound(String integrationId) {
        return ProblemException.notFound("Integration " + integrationId);
    }

    /** A customer the caller can see, or 404 as for a missing one. */
    void requireVisibleCustomer(String customerId) {
        if (customerId == null || customerId.isEmpty() || !visibleCustomer(customerId)) {
            throw ProblemException.notFound("Customer " + customerId);
        }
    }

    /**
     * The agency's integrations, oldest first, of one provider, customer and status when given; integrations of customers
     * the caller cannot see are left out.
     */
    public Page<Integration> page(String providerId, String customerId, IntegrationStatus status, PageRequest request) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (providerId != null && !providerId.isBlank()) {
            if (!ProviderRegistry.ID.matcher(providerId.trim()).matches()) {
                return new Page<>(List.of(), null); // no provider has such an id
            }
            conditions.add("e.providerId = :providerId");
            params.put("providerId", providerId.trim());
        }
        if (customerId != null && !customerId.isBlank()) {
            if (!visibleCustomer(customerId.trim())) {
                return new Page<>(List.of(), null);
            }
            conditions.add("e.customerId = :customerId");
            params.put("customerId", customerId.trim());
        }
        if (status != null) {
            conditions.add("e.status = :status");
            params.put("status", status);
        }
        String condition = conditions.isEmpty() ? null : String.join(" AND ", conditions);
        Map<String, Boolean> visible = new HashMap<>();
        Page<IntegrationRecord> page = work.inTransaction(em -> KeysetPages.page(em, IntegrationRecord.class, condition, params,
                request, r -> r.customerId() == null || visible.computeIfAbsent(r.customerId(), this::visibleCustomer)));
        return page.map(this::toApi);
    }

    @Override
    public Optional<Integration> find(String integrationId) {
        if (integrationId == null || integrationId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(IntegrationRecord.class, integrationId)).map(this::toApi));
    }

    @Override
    public List<Integration> list(String providerId, String customerId) {
        List<String> conditions = new ArrayList<>();
        if (providerId != null) {
            conditions.add("e.providerId = :providerId");
        }
        if (customerId != null) {
            conditions.add("e.customerId = :customerId");
        }
        String jpql = "SELECT e FROM Integration e" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY e.createdAt, e.id";
        return work.inTransaction(em -> {
            var query = em.createQuery(jpql, IntegrationRecord.class);
            if (providerId != null) {
                query.setParameter("providerId", providerId);
            }
            if (customerId != null) {
                query.setParameter("customerId", customerId);
            }
            return query.getResultList().stream().map(this::toApi).toList();
        });
    }

    @Override
    public Optional<IntegrationContext> context(String integrationId) {
        if (integrationId == null || integrationId.length() > 36) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(IntegrationRecord.class, integrationId)).map(this::contextOf));
    }

    /** The record as its provider gets it, secrets decrypted (throws {@link SecretCipher.UnreadableSecret}). */
    IntegrationContext contextOf(IntegrationRecord r) {
        Map<String, Object> settings = JsonValues.readObject(r.settingsJson());
        settings.putAll(clearSecrets(r, Set.of()));
        return new ProviderContext(r.id(), RequestContext.agencyId(), r.customerId(), r.providerId(), settings, http);
    }

    Integration toApi(IntegrationRecord r) {
        return new Integration(r.id(), r.providerId(), r.customerId(), r.status(), JsonValues.readObject(r.settingsJson()),
                List.copyOf(new TreeSet<>(JsonValues.readObject(r.secretsJson()).keySet())), providers.find(r.providerId()).isPresent(),
                r.lastSuccessAt(), r.lastErrorAt(), r.lastError(), r.version(), r.createdAt(), r.updatedAt());
    }

    // ---- secrets

    /** The record's secret settings in clear, except {@code skipped} ones (about to be replaced or removed). */
    private Map<String, Object> clearSecrets(IntegrationRecord r, Set<String> skipped) {
        SecretCipher cipher = secrets.cipher();
        Map<String, Object> clear = new LinkedHashMap<>();
        JsonValues.readObject(r.secretsJson()).forEach((name, stored) -> {
            if (!skipped.contains(name)) {
                clear.put(name, JsonValues.readValue(cipher.decrypt(r.id(), name, String.valueOf(stored))));
            }
        });
        return clear;
    }

    /** Secret settings encrypted with the active key for this integration, as the {@code secrets} column holds them. */
    private String seal(String integrationId, Map<String, Object> secret) {
        SecretCipher cipher = secrets.cipher();
        Map<String, String> sealed = new LinkedHashMap<>();
        secret.forEach((name, value) -> sealed.put(name, cipher.encrypt(integrationId, name, JsonValues.write(value))));
        return JsonValues.write(sealed);
    }

    // ---- writes

    /**
     * Creates an integration of {@code providerId} under {@code customerId} (a provider of {@link ProviderScope#CUSTOMER}
     * scope) or for the agency ({@code customerId} null, {@link ProviderScope#AGENCY}).
     */
    public Integration create(String customerId, String providerId, Map<String, Object> settings) {
        if (customerId != null) {
            requireVisibleCustomer(customerId);
        }
        FieldErrors errors = new FieldErrors();
        Provider provider = null;
        if (providerId == null || providerId.isBlank()) {
            errors.add("providerId", "is required");
        } else {
            provider = availableProvider(providerId.trim()).orElse(null);
            ProviderScope wanted = customerId == null ? ProviderScope.AGENCY : ProviderScope.CUSTOMER;
            if (provider == null) {
                errors.add("providerId", "is not a provider available to this agency (GET /v1/integrations/providers lists them)");
            } else if (provider.service().scope() != wanted) {
                errors.add("providerId", wanted == ProviderScope.CUSTOMER
                        ? "is a provider of the whole agency: create its integration with POST /v1/integrations"
                        : "is a provider of customers: create its integrations with POST /v1/customers/{id}/integrations");
                provider = null;
            }
        }
        errors.throwIfAny();
        Map<String, Object> values = withoutNulls(JsonValues.normalizeMap(settings));
        check(provider, values);
        SettingsSchema.Split split = provider.schema().split(values);
        String id = Jdbc.newId();
        String sealed = seal(id, split.secret());
        Instant now = EntityWork.now();
        Provider chosen = provider;
        return work.inTransaction(em -> {
            IntegrationRecord record = new IntegrationRecord(id, chosen.id(), customerId, JsonValues.write(split.plain()), sealed, now);
            if (chosen.service() instanceof io.clientele.integration.api.OAuthIntegrationProvider) {
                record.status(IntegrationStatus.NEEDS_ATTENTION, now); // until an ADMIN authorizes it at the service (OAuthFlow)
                record.failed(OAuthFlow.NOT_CONNECTED, now);
            }
            em.persist(record);
            em.flush();
            Integration created = toApi(record);
            if (customerId != null) {
                history.record("customer", customerId, "integration", id, "CREATED",
                        HistoryService.diff(Map.of(), snapshot(created)));
            }
            events.publish(IntegrationEvents.CREATED, event(created));
            return created;
        });
    }

    /** The schema's checks, then the provider's; 400 naming every bad setting. */
    private void check(Provider provider, Map<String, Object> values) {
        List<Refusal.Field> problems = new ArrayList<>(provider.schema().check(values));
        if (problems.isEmpty()) {
            List<Refusal.Field> own;
            try {
                own = provider.service().validate(java.util.Collections.unmodifiableMap(values), http);
            } catch (RuntimeException e) {
                LOG.warn("integration provider '{}' failed while checking settings: {}", provider.id(), e.getClass().getName());
                throw ProblemException.conflict("The provider '" + provider.id() + "' failed while checking the settings.");
            }
            if (own != null) {
                problems.addAll(own);
            }
        }
        FieldErrors errors = new FieldErrors();
        problems.forEach(p -> errors.add(p.field(), p.message()));
        errors.throwIfAny();
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * JSON merge patch of {@code settings} (per property: a value sets it, null removes it, absent keeps it; a secret one
     * set to a value replaces it) and {@code status} ({@code ACTIVE} or {@code DISCONNECTED}). The merged settings pass the
     * schema's and the provider's checks as a whole; every secret is encrypted again with the active key.
     */
    @SuppressWarnings("unchecked")
    public Integration patch(String integrationId, Long expectedVersion, Map<String, Object> patch) {
        FieldErrors errors = new FieldErrors();
        PATCH.check(patch, errors);
        IntegrationStatus newStatus = null;
        if (patch.containsKey("status")) {
            Object s = patch.get("status");
            if ("ACTIVE".equals(s) || "DISCONNECTED".equals(s)) {
                newStatus = IntegrationStatus.valueOf((String) s);
            } else {
                errors.add("status", "must be ACTIVE or DISCONNECTED");
            }
        }
        Map<String, Object> settingsPatch = null;
        if (patch.containsKey("settings")) {
            if (patch.get("settings") instanceof Map<?, ?> m) {
                settingsPatch = (Map<String, Object>) m;
            } else {
                errors.add("settings", "must be an object");
            }
        }
        Integration before = get(integrationId);
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw ProblemException.preconditionFailed("The integration changed since it was read; read it again and retry.");
        }
        errors.throwIfAny();
        String plainJson = null;
        String sealed = null;
        Set<String> replacedSecrets = new TreeSet<>();
        if (settingsPatch != null) {
            Provider provider = availableProvider(before.providerId()).orElseThrow(() -> ProblemException.conflict(
                    "The provider '" + before.providerId() + "' is not available now; the integration's settings cannot change until it is."));
            Map<String, Object> changes = JsonValues.normalizeMap(settingsPatch);
            IntegrationRecord stored = work.inTransaction(em -> em.find(IntegrationRecord.class, integrationId));
            if (stored == null || stored.version() != before.version()) {
                throw ProblemException.preconditionFailed("The integration changed since it was read; read it again and retry.");
            }
            Set<String> overwritten = new TreeSet<>(changes.keySet());
            Map<String, Object> merged = JsonValues.readObject(stored.settingsJson());
            try {
                merged.putAll(clearSecrets(stored, overwritten));
            } catch (SecretCipher.UnreadableSecret e) {
                throw ProblemException.conflict(e.getMessage() + " Set it again in the same change.");
            }
            Set<String> secretsBefore = JsonValues.readObject(stored.secretsJson()).keySet();
            changes.forEach((name, value) -> {
                if (value == null) {
                    merged.remove(name);
                } else {
                    merged.put(name, value);
                    if (secretsBefore.contains(name) && provider.schema().isSecret(name)) {
                        replacedSecrets.add(name);
                    }
                }
            });
            check(provider, merged);
            SettingsSchema.Split split = provider.schema().split(merged);
            plainJson = JsonValues.write(split.plain());
            sealed = seal(integrationId, split.secret());
        }
        String newPlain = plainJson;
        String newSecrets = sealed;
        IntegrationStatus status = newStatus;
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            IntegrationRecord record = visibleRecord(em, integrationId).orElseThrow(() -> notFound(integrationId));
            record.requireVersion(expectedVersion, "integration");
            record.requireVersion(before.version(), "integration"); // changed between the checks above and now
            if (newPlain != null) {
                record.settings(newPlain, newSecrets, now);
            }
            if (status != null && status != record.status()) {
                record.status(status, now);
            }
            em.flush();
            Integration saved = toApi(record);
            if (saved.customerId() != null) {
                List<FieldChange> changes = new ArrayList<>(HistoryService.diff(snapshot(before), snapshot(saved)));
                replacedSecrets.forEach(name -> changes.add(new FieldChange("settings." + name, SECRET_MARK, SECRET_MARK + " replaced")));
                if (!changes.isEmpty()) {
                    history.record("customer", saved.customerId(), "integration", integrationId, "UPDATED", changes);
                }
            }
            events.publish(IntegrationEvents.UPDATED, event(saved));
            if (saved.status() != before.status()) {
                statusChanged(saved);
            }
            return saved;
        });
    }

    /**
     * Deletes an integration: its provider, when installed, is told first ({@link io.clientele.integration.api.IntegrationProvider#disconnected},
     * outside any transaction; a failure is logged and does not stop the deletion), then the record is removed.
     */
    public void delete(String integrationId, Long expectedVersion) {
        Integration before = get(integrationId);
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw ProblemException.preconditionFailed("The integration changed since it was read; read it again and retry.");
        }
        providers.find(before.providerId()).ifPresent(provider -> {
            try {
                IntegrationContext context = work.inTransaction(em -> contextOf(em.find(IntegrationRecord.class, integrationId)));
                provider.service().disconnected(context);
            } catch (RuntimeException e) {
                LOG.warn("integration {}: provider '{}' failed while disconnecting it ({}); the integration is deleted anyway", integrationId,
                        provider.id(), e instanceof SecretCipher.UnreadableSecret ? e.getMessage() : e.getClass().getName());
            }
        });
        work.inTransaction(em -> {
            IntegrationRecord record = visibleRecord(em, integrationId).orElseThrow(() -> notFound(integrationId));
            record.requireVersion(expectedVersion, "integration");
            em.remove(record);
            em.flush();
            if (before.customerId() != null) {
                history.record("customer", before.customerId(), "integration", integrationId, "DELETED",
                        HistoryService.diff(snapshot(before), Map.of()));
            }
            events.publish(IntegrationEvents.DELETED, event(before));
            return null;
        });
    }

    /**
     * Runs the provider's connection test outside any transaction and records its result as the integration's last
     * success or last error (a failed test is a passing failure: the person testing sees it).
     */
    public TestResult test(String integrationId) {
        Integration integration = get(integrationId);
        Provider provider = availableProvider(integration.providerId()).orElseThrow(() -> ProblemException.conflict(
                "The provider '" + integration.providerId() + "' is not installed or not available to this agency; the integration cannot be tested."));
        IntegrationContext context;
        try {
            context = context(integrationId).orElseThrow(() -> notFound(integrationId));
        } catch (SecretCipher.UnreadableSecret e) {
            throw ProblemException.conflict(e.getMessage() + " Set it again with PATCH.");
        }
        ConnectionCheck check;
        try {
            check = provider.service().testConnection(context);
        } catch (RuntimeException e) {
            LOG.warn("integration {}: provider '{}' failed while testing the connection: {}", integrationId, provider.id(), e.getClass().getName());
            check = ConnectionCheck.failed("The provider failed while testing the connection.");
        }
        if (check == null) {
            check = ConnectionCheck.failed("The provider gave no answer.");
        }
        Instant at = check.ok() ? succeeded(integrationId) : failed(integrationId, check.message(), false);
        return new TestResult(check.ok(), check.message(), at);
    }

    @Override
    public void recordSuccess(String integrationId) {
        succeeded(integrationId);
    }

    @Override
    public void recordFailure(String integrationId, String message, boolean needsAttention) {
        failed(integrationId, message, needsAttention);
    }

    private Instant succeeded(String integrationId) {
        Instant now = EntityWork.now();
        change(integrationId, record -> {
            record.succeeded(now);
            return record.status() == IntegrationStatus.NEEDS_ATTENTION ? IntegrationStatus.ACTIVE : null;
        });
        return now;
    }

    private Instant failed(String integrationId, String message, boolean needsAttention) {
        Instant now = EntityWork.now();
        String text = message == null || message.isBlank() ? "Failed." : message.strip().replaceAll("\\p{Cntrl}+", " ");
        change(integrationId, record -> {
            record.failed(text, now);
            return needsAttention && record.status() == IntegrationStatus.ACTIVE ? IntegrationStatus.NEEDS_ATTENTION : null;
        });
        return now;
    }

    /** Applies {@code change} (which answers the new status, or null to keep it) to the integration, if it still exists. */
    private void change(String integrationId, Function<IntegrationRecord, IntegrationStatus> change) {
        if (integrationId == null || integrationId.length() > 36) {
            return;
        }
        work.inTransaction(em -> {
            IntegrationRecord record = em.find(IntegrationRecord.class, integrationId);
            if (record == null) {
                return null; // deleted meanwhile
            }
            IntegrationStatus status = change.apply(record);
            if (status != null) {
                record.status(status, record.updatedAt());
            }
            em.flush();
            if (status != null) {
                Integration changed = toApi(record);
                statusChanged(changed);
                if (status == IntegrationStatus.NEEDS_ATTENTION) {
                    notifyAdministrators(changed);
                }
            }
            return null;
        });
    }

    private void statusChanged(Integration integration) {
        Map<String, Object> event = event(integration);
        event.put(IntegrationEvents.STATUS, integration.status().name());
        events.publish(IntegrationEvents.STATUS_CHANGED, event);
    }

    /** The agency's active ADMIN users are told in the app that the integration needs a person. */
    private void notifyAdministrators(Integration integration) {
        List<String> admins = users.all().stream().filter(User::active).filter(u -> u.roles().contains(Role.ADMIN)).map(User::id).toList();
        if (admins.isEmpty()) {
            return;
        }
        String name = providers.find(integration.providerId()).map(Provider::name).orElse(integration.providerId());
        notifications.notify(admins, "integration_needs_attention", "Integration needs attention: " + name,
                "The integration " + name + " (" + integration.id() + ") failed and makes no more calls until someone acts: "
                        + integration.lastError(), "/v1/integrations/" + integration.id());
    }

    private static Map<String, Object> event(Integration integration) {
        Map<String, Object> event = new HashMap<>();
        event.put(IntegrationEvents.INTEGRATION_ID, integration.id());
        event.put(IntegrationEvents.PROVIDER_ID, integration.providerId());
        if (integration.customerId() != null) {
            event.put(IntegrationEvents.CUSTOMER_ID, integration.customerId());
        }
        return event;
    }

    /** What history compares: provider, status, each plain setting, and each secret one as {@value #SECRET_MARK}. */
    static Map<String, Object> snapshot(Integration integration) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("providerId", integration.providerId());
        m.put("status", integration.status());
        integration.settings().forEach((name, value) -> m.put("settings." + name, value instanceof String ? value : JsonValues.write(value)));
        secretNames(integration.secretsSet()).forEach(name -> m.put("settings." + name, SECRET_MARK));
        return m;
    }

    private static Collection<String> secretNames(List<String> secretsSet) {
        return secretsSet == null ? List.of() : secretsSet;
    }
}
