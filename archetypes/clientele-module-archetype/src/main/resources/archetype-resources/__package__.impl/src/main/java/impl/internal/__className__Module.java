package ${package}.impl.internal;

import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The descriptor of the module "${moduleId}": while this service exists the module counts as installed (it is listed in
 * {@code GET /api/v1/modules}, and operators enable it per agency). Migrates the module's tables before anything of it is
 * published: the store and the resource reference this component, so they start after it.
 */
@Component(service = {ModuleDescriptor.class, ${className}Module.class})
public class ${className}Module implements ModuleDescriptor {

    public static final String ID = "${moduleId}";
    static final String CHANGELOG = "db/clientele-${moduleId}.xml";

    @Activate
    public ${className}Module(@Reference Database database) {
        // present when the platform starts, the changelog was applied with the others (Clientele-Changelog) and this finds
        // nothing to do; installed into a running platform, the module migrates itself here
        database.migrate(CHANGELOG, ${className}Module.class.getClassLoader());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "${moduleName}";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
