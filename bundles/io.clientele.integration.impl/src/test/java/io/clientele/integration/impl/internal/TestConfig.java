package io.clientele.integration.impl.internal;

import java.lang.annotation.Annotation;

/** An {@link IntegrationConfig} as configuration admin would give it. */
record TestConfig(String secretKeys, String activeSecretKey, boolean allowPrivateAddresses, int requestTimeoutSeconds,
                  long deliveryPollIntervalMillis, int deliveryBatchSize, int deliveryLeaseSeconds, double deliveryMaxPerSecond,
                  int deliveredRetentionDays, int deadRetentionDays, int deliveryPurgeIntervalMinutes, long inboundMaxBodyBytes,
                  int inboundReplayToleranceSeconds, int inboundMaxConcurrent, int inboundMaxPerSecond)
        implements IntegrationConfig {

    static TestConfig of(String secretKeys, String activeSecretKey, boolean allowPrivateAddresses) {
        return new TestConfig(secretKeys, activeSecretKey, allowPrivateAddresses, 15, 1000, 20, 60, 0, 30, 90, 60, 1_048_576, 300, 8, 20);
    }

    /** This configuration with a delivery rate limit per integration. */
    TestConfig withDeliveryMaxPerSecond(double rate) {
        return new TestConfig(secretKeys, activeSecretKey, allowPrivateAddresses, requestTimeoutSeconds, deliveryPollIntervalMillis,
                deliveryBatchSize, deliveryLeaseSeconds, rate, deliveredRetentionDays, deadRetentionDays, deliveryPurgeIntervalMinutes,
                inboundMaxBodyBytes, inboundReplayToleranceSeconds, inboundMaxConcurrent, inboundMaxPerSecond);
    }

    /** This configuration with other inbound limits. */
    TestConfig withInbound(long maxBodyBytes, int maxConcurrent, int maxPerSecond) {
        return new TestConfig(secretKeys, activeSecretKey, allowPrivateAddresses, requestTimeoutSeconds, deliveryPollIntervalMillis,
                deliveryBatchSize, deliveryLeaseSeconds, deliveryMaxPerSecond, deliveredRetentionDays, deadRetentionDays,
                deliveryPurgeIntervalMinutes, maxBodyBytes, inboundReplayToleranceSeconds, maxConcurrent, maxPerSecond);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return IntegrationConfig.class;
    }
}
