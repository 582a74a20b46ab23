package io.clientele.portal.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.clientele.portal.cfg}. */
@ObjectClassDefinition(name = "Clientele customer portal module")
public @interface PortalConfig {

    @AttributeDefinition(description = "Public base URL of the platform, for the sample invitation's link")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Seconds between two looks at the queue of automatic charges (autopay)")
    int autoChargePollSeconds() default 5;

    @AttributeDefinition(description = "Seconds a node holds an automatic charge it is attempting before another node may take it over")
    int autoChargeLeaseSeconds() default 120;

    @AttributeDefinition(description = "Largest portal document accepted, in bytes (contacts' and staff's uploads)")
    long documentMaxBytes() default 10L * 1024 * 1024;

    @AttributeDefinition(description = "Largest portal logo accepted, in bytes")
    long logoMaxBytes() default 512L * 1024;
}
