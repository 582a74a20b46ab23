package io.clientele.itests.sampleprovider.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the sample OAuth service is and the client registered there (etc/io.clientele.itests.sampleoauth.cfg). */
@ObjectClassDefinition(name = "Sample OAuth provider")
public @interface SampleOAuthConfig {

    @AttributeDefinition(description = "The service's base URL: /authorize, /token, /revoke and /api/events below it")
    String baseUrl();

    String clientId();

    @AttributeDefinition(type = AttributeType.PASSWORD)
    String clientSecret();

    @AttributeDefinition(description = "client_secret_basic or client_secret_post")
    String clientAuthentication() default "client_secret_basic";
}
