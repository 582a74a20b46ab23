package io.clientele.itests.samplemodule.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The module descriptor. Migrates the module's own tables before anything of the module is published. */
@Component(service = {ModuleDescriptor.class, SampleModule.class})
public class SampleModule implements ModuleDescriptor {

    public static final String ID = "sample";

    @Activate
    public SampleModule(@Reference Database database) {
        database.migrate("db/clientele-sample.xml", SampleModule.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Sample notes (test module)";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
