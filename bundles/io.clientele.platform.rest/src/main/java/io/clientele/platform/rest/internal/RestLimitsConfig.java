package io.clientele.platform.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits the REST layer enforces on every request before a resource sees it (etc/io.clientele.rest.cfg). */
@ObjectClassDefinition(name = "Clientele REST limits", description = "Limits on request bodies, enforced while they are read (etc/io.clientele.rest.cfg)")
public @interface RestLimitsConfig {

    @AttributeDefinition(description = "Largest JSON request body in bytes; larger bodies are refused with 413 while they arrive (uploads have their own limits)")
    long maxJsonBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Deepest nesting of JSON objects and arrays in a request body")
    int maxJsonNestingDepth() default 64;

    @AttributeDefinition(description = "Longest JSON string or field name in a request body, in characters")
    int maxJsonStringLength() default 262_144;

    @AttributeDefinition(description = "Longest JSON number in a request body, in characters")
    int maxJsonNumberLength() default 100;
}
