package io.clientele.monthlyfee.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The module descriptor. Migrates the module's tables before anything of the module is published. */
@Component(service = {ModuleDescriptor.class, MonthlyFeeModule.class})
public class MonthlyFeeModule implements ModuleDescriptor {

    public static final String ID = "monthly-fee";
    static final String CHANGELOG = "db/clientele-monthly-fee.xml";

    @Activate
    public MonthlyFeeModule(@Reference Database database) {
        database.migrate(CHANGELOG, MonthlyFeeModule.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Monthly fees";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
