package io.clientele.customer.impl.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientele.customer.api.Address;
import io.clientele.customer.api.CustomerDirectory;
import io.clientele.customer.api.CustomerEvents;
import io.clientele.customer.api.LegalEntity;
import io.clientele.customer.api.LegalEntityDirectory;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.event.DomainEvents;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.MergePatch;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.jpa.EntityWork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Legal entities of customers (the companies or people invoices are addressed to). One is reachable exactly
 * when its customer is visible to the caller; every change is recorded in the customer's history as entity
 * {@code legal-entity}. Deleting keeps the row (invoices of other modules may name it) but hides it.
 */
@Component(service = {LegalEntityDirectory.class, LegalEntityStore.class})
public class LegalEntityStore implements LegalEntityDirectory {

    static final String ENTITY = "legal-entity";
    private static final MergePatch PATCH = MergePatch.of("legal entity", Set.of("id", "customerId", "version", "createdAt", "updatedAt"));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EntityWork work;
    private final CustomerDirectory customers;
    private final HistoryService history;
    private final DomainEvents events;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Activate
    public LegalEntityStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                            @Reference CustomerSchema schema, @Reference CustomerDirectory customers, @Reference HistoryService history,
                            @Reference DomainEvents events) {
        this.work = new EntityWork(database, unit);
        this.customers = customers;
        this.history = history;
        this.events = events;
    }

    @Override
    public Optional<LegalEntity> find(String legalEntityId) {
        return record(legalEntityId).map(LegalEntityRecord::toApi);
    }

    /** The stored legal entity if it is not deleted and its customer is visible to the caller. */
    private Optional<LegalEntityRecord> record(String legalEntityId) {
        if (legalEntityId == null) {
            return Optional.empty();
        }
        return work.inTransaction(em -> Optional.ofNullable(em.find(LegalEntityRecord.class, legalEntityId))
                .filter(e -> !e.deleted() && customers.find(e.customerId()).isPresent()));
    }

    private LegalEntityRecord getRecord(String legalEntityId) {
        return record(legalEntityId).orElseThrow(() -> ProblemException.notFound("Legal entity " + legalEntityId));
    }

    public LegalEntity get(String legalEntityId) {
        return find(legalEntityId).orElseThrow(() -> ProblemException.notFound("Legal entity " + legalEntityId));
    }

    /** The customer's legal entities by name (not creation order, and never long: one query, no pages). */
    @Override
    public List<LegalEntity> ofCustomer(String customerId) {
        if (customerId == null || customers.find(customerId).isEmpty()) {
            return List.of();
        }
        return work.inTransaction(em -> em.createQuery("SELECT e FROM LegalEntity e WHERE e.customerId = :customerId"
                        + " AND e.deleted = :deleted ORDER BY e.name, e.id", LegalEntityRecord.class)
                .setParameter("customerId", customerId).setParameter("deleted", false)
                .getResultStream().map(LegalEntityRecord::toApi).toList());
    }

    /** The list for the REST API: a customer the caller may not see is a 404, not an empty list. */
    public List<LegalEntity> list(String customerId) {
        visibleCustomer(customerId);
        return ofCustomer(customerId);
    }

    public LegalEntity create(String customerId, LegalEntity input) {
        visibleCustomer(customerId);
        if (input == null) {
            throw ProblemException.malformed("A legal entity is required as the request body.", null);
        }
        LegalEntity e = normalize(input, customerId);
        validate(e);
        String id = Jdbc.newId();
        Instant now = EntityWork.now();
        return work.inTransaction(em -> {
            LegalEntityRecord record = new LegalEntityRecord(id, customerId, e, now);
            em.persist(record);
            em.flush();
            LegalEntity created = record.toApi();
            history.record(CustomerStore.ROOT, customerId, ENTITY, id, "CREATED", HistoryService.diff(Map.of(), snapshot(created)));
            events.publish(CustomerEvents.LEGAL_ENTITY_CREATED, Map.of("legalEntityId", id, "customerId", customerId));
            return created;
        });
    }

    /** JSON merge patch (RFC 7386; {@code address} merges part by part); the whole result is validated. */
    public LegalEntity patch(String id, Long expectedVersion, Map<String, Object> patch) {
        PATCH.check(patch);
        return work.inTransaction(em -> {
            LegalEntityRecord record = getRecord(id);
            record.requireVersion(expectedVersion, "legal entity");
            LegalEntity before = record.toApi();
            Map<String, Object> merged = MergePatch.merge(json.convertValue(before, MAP), patch);
            LegalEntity after;
            try {
                after = normalize(json.convertValue(merged, LegalEntity.class), before.customerId());
            } catch (IllegalArgumentException ex) {
                String field = ex.getCause() instanceof JsonMappingException m ? path(m) : null;
                throw ProblemException.malformed(field == null ? "The patch does not fit a legal entity."
                        : "Field '" + field + "' has the wrong type or format.", field);
            }
            validate(after);
            record.change(after, EntityWork.now());
            em.flush(); // a row changed since it was read is 412 here, before history and events
            LegalEntity saved = record.toApi();
            history.record(CustomerStore.ROOT, before.customerId(), ENTITY, id, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(saved)));
            events.publish(CustomerEvents.LEGAL_ENTITY_UPDATED, Map.of("legalEntityId", id, "customerId", before.customerId()));
            return saved;
        });
    }

    public void delete(String id, Long expectedVersion) {
        work.inTransaction(em -> {
            LegalEntityRecord record = getRecord(id);
            record.requireVersion(expectedVersion, "legal entity");
            LegalEntity before = record.toApi();
            record.delete(EntityWork.now());
            em.flush();
            history.record(CustomerStore.ROOT, before.customerId(), ENTITY, id, "DELETED", HistoryService.diff(snapshot(before), Map.of()));
            events.publish(CustomerEvents.LEGAL_ENTITY_DELETED, Map.of("legalEntityId", id, "customerId", before.customerId()));
            return null;
        });
    }


    private void visibleCustomer(String customerId) {
        if (customerId == null || customers.find(customerId).isEmpty()) {
            throw ProblemException.notFound("Customer " + customerId);
        }
    }

    static LegalEntity normalize(LegalEntity e, String customerId) {
        return new LegalEntity(e.id(), customerId, Addresses.trim(e.name()), Addresses.trim(e.taxId()), Addresses.normalize(e.address()),
                e.version() == null ? 0L : e.version(), e.createdAt(), e.updatedAt());
    }

    /** Name required; the tax id, when the address is in Brazil, must be a CNPJ or CPF with valid check digits. */
    static void validate(LegalEntity e) {
        FieldErrors errors = new FieldErrors();
        if (e.name() == null) {
            errors.add("name", "is required");
        } else {
            Addresses.length(errors, "name", e.name(), 200);
        }
        if (e.taxId() != null) {
            if (e.taxId().length() > 40) {
                errors.add("taxId", "must have at most 40 characters");
            } else if ("BR".equals(e.address().country())) {
                int digits = BrazilianTaxIds.digits(e.taxId()).length();
                boolean valid = digits == 11 ? BrazilianTaxIds.isValidCpf(e.taxId()) : BrazilianTaxIds.isValidCnpj(e.taxId());
                if (!valid) {
                    errors.add("taxId", digits == 11 ? "is not a valid CPF" : "is not a valid CNPJ (14 digits) or CPF (11 digits)");
                }
            }
        }
        Addresses.validate(errors, "address", e.address());
        errors.throwIfAny();
    }

    /** What history compares: name, tax id and each address part ({@code address.city}). */
    private static Map<String, Object> snapshot(LegalEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("taxId", e.taxId());
        Address a = e.address();
        m.put("address.postalCode", a.postalCode());
        m.put("address.street", a.street());
        m.put("address.number", a.number());
        m.put("address.complement", a.complement());
        m.put("address.district", a.district());
        m.put("address.city", a.city());
        m.put("address.state", a.state());
        m.put("address.country", a.country());
        return m;
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
