package io.clientele.platform.api.module;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Published as an OSGi service by every module's implementation bundle. While the service exists the
 * module counts as installed; its REST resources carry the same id in {@code clientele.module}.
 */
@ConsumerType
public interface ModuleDescriptor {
    /** The module id, e.g. {@code budget}, {@code monthly-fee}. */
    String id();

    String name();

    String version();
}
