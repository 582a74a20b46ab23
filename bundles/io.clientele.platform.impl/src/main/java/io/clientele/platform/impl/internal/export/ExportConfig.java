package io.clientele.platform.impl.internal.export;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele exports", description = "How exports are written before they are sent (etc/io.clientele.export.cfg)")
public @interface ExportConfig {

    @AttributeDefinition(description = "Folder of the temporary files exports are written to before they are sent; empty: "
            + "${karaf.data}/tmp/exports. Files left there (by a crash) are removed at start")
    String directory() default "";

    @AttributeDefinition(description = "Exports this node writes at once (each holds one database connection while it writes, "
            + "none while the client downloads)")
    int maxConcurrentExports() default 4;

    @AttributeDefinition(description = "How long an export waits for a free slot before it is answered 503 service_unavailable "
            + "with Retry-After, in milliseconds")
    int slotWaitMillis() default 10_000;

    @AttributeDefinition(description = "Seconds a client is told to wait (Retry-After) when no export slot came free in time")
    int retryAfterSeconds() default 5;
}
