package io.clientele.portal.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The descriptor of the module "portal". Migrates the module's tables before anything of it is published. */
@Component(service = {ModuleDescriptor.class, PortalModule.class})
public class PortalModule implements ModuleDescriptor {

    public static final String ID = "portal";
    static final String CHANGELOG = "db/clientele-portal.xml";

    @Activate
    public PortalModule(@Reference Database database) {
        database.migrate(CHANGELOG, PortalModule.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Customer portal";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
