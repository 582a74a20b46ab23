package io.clientele.contact.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele portal access of contacts",
        description = "Links and token lifetimes of portal invitations and password resets (etc/io.clientele.contact.portal.cfg)")
public @interface PortalConfig {

    @AttributeDefinition(description = "Public base URL of the platform, used in e-mailed links (no trailing slash needed)")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "How long an invitation (activation) link stays valid, in seconds")
    long activationTokenTtlSeconds() default 604_800;

    @AttributeDefinition(description = "How long a password-reset link stays valid, in seconds")
    long resetTokenTtlSeconds() default 3_600;
}
