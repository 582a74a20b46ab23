package io.clientele.budget.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The descriptor of the module "budget". Migrates the module's tables before anything of it is published. */
@Component(service = {ModuleDescriptor.class, BudgetModule.class})
public class BudgetModule implements ModuleDescriptor {

    public static final String ID = "budget";
    static final String CHANGELOG = "db/clientele-budget.xml";

    @Activate
    public BudgetModule(@Reference Database database) {
        database.migrate(CHANGELOG, BudgetModule.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Budgets";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
