package io.clientele.platform.impl.internal.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele authentication", description = "Tokens, password hashing and login throttling (etc/io.clientele.auth.cfg)")
public @interface AuthConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Base64 HMAC-SHA256 key signing access tokens (32+ bytes). Empty: generated on first start and stored in the database, shared by every node.")
    String tokenSigningKey() default "";

    @AttributeDefinition(description = "Access token lifetime in seconds")
    int accessTokenTtlSeconds() default 900;

    @AttributeDefinition(description = "Refresh token (session) lifetime in seconds")
    int refreshTokenTtlSeconds() default 2_592_000;

    @AttributeDefinition(description = "Consecutive failed logins before an account is locked")
    int maxFailedLogins() default 5;

    @AttributeDefinition(description = "How long a locked account stays locked, in seconds")
    int lockoutSeconds() default 900;

    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes")
    int pbkdf2Iterations() default 310_000;
}
