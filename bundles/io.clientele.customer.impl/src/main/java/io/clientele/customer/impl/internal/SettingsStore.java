package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerSettings;
import io.clientele.customer.api.CustomerSettings.Refused;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.jpa.EntityWork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Per-agency settings of the registry ({@link CustomerSettingsRecord}: one customer_settings row per agency, created on first change). */
@Component(service = {CustomerSettings.class, SettingsStore.class})
public class SettingsStore implements CustomerSettings {

    private final EntityWork work;
    private final HistoryService history;

    @Activate
    public SettingsStore(@Reference Database database, @Reference(target = "(osgi.unit.name=customer)") EntityManagerFactory unit,
                         @Reference CustomerSchema schema, @Reference HistoryService history) {
        this.work = new EntityWork(database, unit);
        this.history = history;
    }

    @Override
    public List<String> requiredFields() {
        return work.inTransaction(em -> settings(em).map(CustomerSettingsRecord::requiredFields).orElse(DEFAULT_REQUIRED_FIELDS));
    }

    @Override
    public List<String> setRequiredFields(List<String> fields) {
        FieldErrors errors = new FieldErrors();
        if (fields == null) {
            errors.add("fields", "is required");
        } else {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) == null || !REQUIRABLE_FIELDS.contains(fields.get(i))) {
                    errors.add("fields[" + i + "]", "is not a customer field that can be required; one of " + new TreeSet<>(REQUIRABLE_FIELDS));
                }
            }
        }
        errors.refuseIfAny(Refused::invalid);
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add("name"); // a customer always has a name
        chosen.addAll(fields);
        String csv = String.join(",", chosen);
        return work.inTransaction(em -> {
            Optional<CustomerSettingsRecord> existing = settings(em);
            List<String> before = existing.map(CustomerSettingsRecord::requiredFields).orElse(DEFAULT_REQUIRED_FIELDS);
            if (existing.isEmpty()) {
                em.persist(new CustomerSettingsRecord(Jdbc.newId(), csv));
            } else {
                existing.get().requiredFields(csv);
                // every save is a new version of the row, as the JDBC store wrote it, even one choosing the same fields
                em.lock(existing.get(), LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            }
            em.flush();
            history.record("agency-settings", "customer-required-fields", "settings", "customer-required-fields", "UPDATED",
                    HistoryService.diff(Map.of("requiredFields", String.join(",", before)), Map.of("requiredFields", csv)));
            return new ArrayList<>(chosen);
        });
    }

    /**
     * The agency's settings row, if it was ever saved (one at most: {@code uq_customer_settings_agency}). Read on every
     * create, so without {@code setMaxResults}: a row limit makes EclipseLink prepare the query's SQL again on each call.
     */
    private static Optional<CustomerSettingsRecord> settings(EntityManager em) {
        return em.createQuery("SELECT s FROM CustomerSettings s", CustomerSettingsRecord.class).getResultList().stream().findFirst();
    }
}
