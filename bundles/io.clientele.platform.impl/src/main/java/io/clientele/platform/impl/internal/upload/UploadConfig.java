package io.clientele.platform.impl.internal.upload;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele uploads", description = "How uploaded files are received (etc/io.clientele.upload.cfg)")
public @interface UploadConfig {

    @AttributeDefinition(description = "Folder of the temporary files uploads are streamed to; empty: ${karaf.data}/tmp/uploads. "
            + "Files left there (by a crash) are removed at start")
    String directory() default "";

    @AttributeDefinition(description = "Uploads (imports included, while they run) this node receives at once; one more is "
            + "answered 503 service_unavailable with Retry-After at once")
    int maxConcurrentUploads() default 4;

    @AttributeDefinition(description = "Seconds a client is told to wait (Retry-After) when every upload slot is taken")
    int retryAfterSeconds() default 5;
}
