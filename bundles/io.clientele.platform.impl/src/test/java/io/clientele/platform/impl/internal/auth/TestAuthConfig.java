package io.clientele.platform.impl.internal.auth;

import java.lang.annotation.Annotation;

/** An {@link AuthConfig} with test values (the annotation type is the typed configuration). */
public record TestAuthConfig(String tokenSigningKey, int accessTokenTtlSeconds, int maxFailedLogins, int lockoutSeconds,
                             int maxFailedLoginsPerAccount, int maxFailedLoginsPerAddress, String trustedProxies,
                             int maxConcurrentHashes, int hashWaitMillis) implements AuthConfig {

    public TestAuthConfig(String tokenSigningKey, int accessTokenTtlSeconds, int maxFailedLogins, int lockoutSeconds) {
        this(tokenSigningKey, accessTokenTtlSeconds, maxFailedLogins, lockoutSeconds, 20, 50, "", 0, 250);
    }

    public static TestAuthConfig defaults() {
        return new TestAuthConfig("", 900, 5, 60);
    }

    public TestAuthConfig withLimits(int perAccount, int perAddress) {
        return new TestAuthConfig(tokenSigningKey, accessTokenTtlSeconds, maxFailedLogins, lockoutSeconds, perAccount, perAddress,
                trustedProxies, maxConcurrentHashes, hashWaitMillis);
    }

    public TestAuthConfig withTrustedProxies(String proxies) {
        return new TestAuthConfig(tokenSigningKey, accessTokenTtlSeconds, maxFailedLogins, lockoutSeconds, maxFailedLoginsPerAccount,
                maxFailedLoginsPerAddress, proxies, maxConcurrentHashes, hashWaitMillis);
    }

    @Override
    public int refreshTokenTtlSeconds() {
        return 3600;
    }

    @Override
    public int maxLockoutSeconds() {
        return 900;
    }

    @Override
    public int pbkdf2Iterations() {
        return 100_000;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return AuthConfig.class;
    }
}
