package io.clientele.platform.api.module;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Which modules are installed right now (live: follows features being installed and uninstalled). */
@ProviderType
public interface ModuleRegistry {

    List<ModuleDescriptor> installed();

    boolean isInstalled(String moduleId);

    /** Installed modules plus modules the agency subscribes to that are not installed yet. */
    List<ModuleStatus> statusFor(String agencyId);
}
