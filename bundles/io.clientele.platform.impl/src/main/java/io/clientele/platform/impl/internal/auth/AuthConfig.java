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

    @AttributeDefinition(description = "Failed password guesses for one account from one client address before it is locked")
    int maxFailedLogins() default 5;

    @AttributeDefinition(description = "Failed password guesses for one account from all addresses together before it is locked")
    int maxFailedLoginsPerAccount() default 20;

    @AttributeDefinition(description = "Failed password guesses from one client address, over all accounts, before the address is locked")
    int maxFailedLoginsPerAddress() default 50;

    @AttributeDefinition(description = "The first lock's length in seconds; each further failure after it doubles the wait")
    int lockoutSeconds() default 60;

    @AttributeDefinition(description = "The longest lock in seconds; failures older than this (without a lock running) are forgotten")
    int maxLockoutSeconds() default 900;

    @AttributeDefinition(description = "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed; empty: the header is ignored")
    String trustedProxies() default "";

    @AttributeDefinition(description = "Password hashes computed at once (PBKDF2 is slow on purpose); 0: one per processor")
    int maxConcurrentHashes() default 0;

    @AttributeDefinition(description = "How long a password check waits for a free hashing slot before it is refused (503 with Retry-After), in ms")
    int hashWaitMillis() default 250;

    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes")
    int pbkdf2Iterations() default 310_000;
}
