package io.clientele.integration.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele integrations: OAuth 2.0",
        description = "The authorization-code flow of OAuth integration providers (etc/io.clientele.integration.oauth.cfg)")
public @interface OAuthConfig {

    @AttributeDefinition(description = "The platform's public base URL: the redirect URI registered at each OAuth service is"
            + " <publicBaseUrl>/api/v1/integrations/oauth/callback")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Seconds an authorization's state stays usable (the time the user has to consent at the service)")
    int stateTtlSeconds() default 600;

    @AttributeDefinition(description = "Where the callback sends the browser (303) when the authorization is done, with integrationId and"
            + " result=connected, or error and errorDescription; empty: the callback answers JSON")
    String completionUrl() default "";

    @AttributeDefinition(description = "Seconds before an access token expires at which it is refreshed (at most half its lifetime)")
    int refreshMarginSeconds() default 60;

    @AttributeDefinition(description = "Seconds a node holds its claim on an integration's refresh; others wait for its result meanwhile")
    int refreshLeaseSeconds() default 30;
}
