package io.clientele.platform.impl.internal.auth;

import java.lang.annotation.Annotation;

/** An {@link AuthConfig} with test values (the annotation type is the typed configuration). */
public record TestAuthConfig(String tokenSigningKey, int accessTokenTtlSeconds, int maxFailedLogins, int lockoutSeconds) implements AuthConfig {

    public static TestAuthConfig defaults() {
        return new TestAuthConfig("", 900, 5, 60);
    }

    @Override
    public int refreshTokenTtlSeconds() {
        return 3600;
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
