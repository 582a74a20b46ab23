package io.clientele.platform.impl.internal.module;

import io.clientele.platform.api.module.ModuleDescriptor;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.module.ModuleStatus;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Follows module descriptor services as module features are installed and uninstalled. */
@Component(service = ModuleRegistry.class)
public class ModuleTracker implements ModuleRegistry {

    private final AgencyDirectory agencies;
    private final List<ModuleDescriptor> modules = new CopyOnWriteArrayList<>();

    @Activate
    public ModuleTracker(@Reference AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(ModuleDescriptor module) {
        modules.add(module);
    }

    void removeModule(ModuleDescriptor module) {
        modules.remove(module);
    }

    @Override
    public List<ModuleDescriptor> installed() {
        List<ModuleDescriptor> list = new ArrayList<>(modules);
        list.sort(Comparator.comparing(ModuleDescriptor::id));
        return list;
    }

    @Override
    public boolean isInstalled(String moduleId) {
        return modules.stream().anyMatch(m -> m.id().equals(moduleId));
    }

    @Override
    public List<ModuleStatus> statusFor(String agencyId) {
        Set<String> subscribed = agencies.findById(agencyId).map(a -> a.modules()).orElse(Set.of());
        List<ModuleStatus> out = new ArrayList<>();
        for (ModuleDescriptor m : installed()) {
            out.add(new ModuleStatus(m.id(), m.name(), m.version(), true, subscribed.contains(m.id())));
        }
        for (String id : subscribed) {
            if (!isInstalled(id)) {
                out.add(new ModuleStatus(id, id, null, false, true));
            }
        }
        return out;
    }
}
