package io.clientele.integration.impl.internal;

import io.clientele.platform.api.db.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Migrates the integrations' table (integrations are core, not a per-agency module, so there is no module descriptor);
 * the store references it, so it starts on a migrated schema.
 */
@Component(service = IntegrationSchema.class)
public class IntegrationSchema {

    static final String CHANGELOG = "db/clientele-integration.xml";

    @Activate
    public IntegrationSchema(@Reference Database database) {
        database.migrate(CHANGELOG, IntegrationSchema.class.getClassLoader());
    }
}
