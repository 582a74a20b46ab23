package io.clientele.integration.impl.internal;

import java.lang.annotation.Annotation;

/** An {@link IntegrationConfig} as configuration admin would give it. */
record TestConfig(String secretKeys, String activeSecretKey, boolean allowPrivateAddresses, int requestTimeoutSeconds,
                  long deliveryPollIntervalMillis, int deliveryBatchSize, int deliveryLeaseSeconds)
        implements IntegrationConfig {

    static IntegrationConfig of(String secretKeys, String activeSecretKey, boolean allowPrivateAddresses) {
        return new TestConfig(secretKeys, activeSecretKey, allowPrivateAddresses, 15, 1000, 20, 60);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return IntegrationConfig.class;
    }
}
