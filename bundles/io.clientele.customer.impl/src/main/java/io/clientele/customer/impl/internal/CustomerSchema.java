package io.clientele.customer.impl.internal;

import io.clientele.platform.api.db.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Migrates the customer registry's tables; every store of this bundle references it, so they start on a migrated schema. */
@Component(service = CustomerSchema.class)
public class CustomerSchema {

    static final String CHANGELOG = "db/clientele-customer.xml";

    @Activate
    public CustomerSchema(@Reference Database database) {
        database.migrate(CHANGELOG, CustomerSchema.class.getClassLoader());
    }
}
