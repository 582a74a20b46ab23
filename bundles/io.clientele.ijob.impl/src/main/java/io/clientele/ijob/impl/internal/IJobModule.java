package io.clientele.ijob.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The module descriptor of "ijob". Migrates the module's tables before anything of the module is published. */
@Component(service = {ModuleDescriptor.class, IJobModule.class})
public class IJobModule implements ModuleDescriptor {

    public static final String ID = "ijob";

    @Activate
    public IJobModule(@Reference Database database) {
        database.migrate("db/clientele-ijob.xml", IJobModule.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "iJob approval workflow";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
