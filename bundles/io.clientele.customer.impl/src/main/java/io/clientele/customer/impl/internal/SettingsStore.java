package io.clientele.customer.impl.internal;

import io.clientele.customer.api.CustomerSettings;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.db.TenantTable;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.rest.FieldErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Per-agency settings of the registry (one customer_settings row per agency, created on first change). */
@Component(service = {CustomerSettings.class, SettingsStore.class})
public class SettingsStore implements CustomerSettings {

    private final Database database;
    private final TenantTable settings;
    private final HistoryService history;

    @Activate
    public SettingsStore(@Reference Database database, @Reference CustomerSchema schema, @Reference HistoryService history) {
        this.database = database;
        this.settings = new TenantTable(database, "customer_settings");
        this.history = history;
    }

    @Override
    public List<String> requiredFields() {
        return settings.find(null, List.of(), null, 1, rs -> rs.getString("required_fields")).stream().findFirst()
                .map(SettingsStore::split).orElse(DEFAULT_REQUIRED_FIELDS);
    }

    @Override
    public List<String> setRequiredFields(List<String> fields) {
        FieldErrors errors = new FieldErrors();
        if (fields == null) {
            errors.add("fields", "is required");
        } else {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) == null || !REQUIRABLE_FIELDS.contains(fields.get(i))) {
                    errors.add("fields[" + i + "]", "is not a customer field that can be required; one of " + new java.util.TreeSet<>(REQUIRABLE_FIELDS));
                }
            }
        }
        errors.throwIfAny();
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add("name"); // a customer always has a name
        chosen.addAll(fields);
        String csv = String.join(",", chosen);
        return database.inTransaction(c -> {
            List<String> before = requiredFields();
            if (settings.update(existingId(), null, Map.of("required_fields", csv)) == 0) {
                settings.insert(Map.of("id", Jdbc.newId(), "required_fields", csv, "version", 0L));
            }
            history.record("agency-settings", "customer-required-fields", "settings", "customer-required-fields", "UPDATED",
                    HistoryService.diff(Map.of("requiredFields", String.join(",", before)), Map.of("requiredFields", csv)));
            return new ArrayList<>(chosen);
        });
    }

    private String existingId() {
        return settings.find(null, List.of(), null, 1, rs -> rs.getString("id")).stream().findFirst().orElse("");
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
