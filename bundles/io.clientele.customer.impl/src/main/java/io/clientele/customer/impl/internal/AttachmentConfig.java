package io.clientele.customer.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele comment attachments", description = "Files attached to customer comments (etc/io.clientele.attachments.cfg)")
public @interface AttachmentConfig {

    @AttributeDefinition(description = "Largest file accepted, in bytes (larger uploads are answered 413)")
    long maxBytes() default 10L * 1024 * 1024;
}
