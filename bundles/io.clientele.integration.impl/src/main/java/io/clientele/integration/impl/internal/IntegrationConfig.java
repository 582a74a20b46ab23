package io.clientele.integration.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele integrations",
        description = "Secret keys of integration settings, the outbound HTTP rule and the delivery worker (etc/io.clientele.integration.cfg)")
public @interface IntegrationConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Keys of secret settings at rest (AES-256-GCM): "
            + "<id>:<base64 of 32 bytes>, comma-separated; every node needs the same keys. Keep old keys listed while values "
            + "encrypted with them remain. Empty: a key is generated on the first start and kept in data/integration-secret-keys.")
    String secretKeys() default "";

    @AttributeDefinition(description = "The id of the key new secret values are encrypted with; empty: the only key, or the last one listed")
    String activeSecretKey() default "";

    @AttributeDefinition(description = "Let integrations call loopback, private, link-local and multicast addresses (tests against local fake servers only)")
    boolean allowPrivateAddresses() default false;

    @AttributeDefinition(description = "Seconds an outbound call may take, from sending the request to the end of the answer, when the provider sets no timeout")
    int requestTimeoutSeconds() default 15;

    @AttributeDefinition(description = "Milliseconds between two polls of the delivery worker for due deliveries")
    long deliveryPollIntervalMillis() default 1000;

    @AttributeDefinition(description = "The most deliveries one poll claims (one per integration at a time, oldest first)")
    int deliveryBatchSize() default 20;

    @AttributeDefinition(description = "Seconds a node holds a claimed delivery before another may take it over (a node that died mid-call);"
            + " never shorter than twice the request timeout")
    int deliveryLeaseSeconds() default 60;

    @AttributeDefinition(description = "The most delivery attempts per second to one integration, on all nodes together (attempts start at least"
            + " 1/rate seconds apart); 0: no limit of the operator's (a provider may declare its own; the lower holds)")
    double deliveryMaxPerSecond() default 0;

    @AttributeDefinition(description = "Days a DELIVERED delivery and its attempt log are kept after its last attempt")
    int deliveredRetentionDays() default 30;

    @AttributeDefinition(description = "Days a dead-lettered (DEAD) delivery and its attempt log are kept after its last attempt")
    int deadRetentionDays() default 90;

    @AttributeDefinition(description = "Minutes between two runs of the delivery clean-up (old deliveries, expired inbound message ids) on each node")
    int deliveryPurgeIntervalMinutes() default 60;

    @AttributeDefinition(description = "The largest body POST /api/v1/integrations/{id}/webhook takes, in bytes (larger: 413)")
    long inboundMaxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Seconds a signed timestamp of an inbound call may lie from now, either side (ReplayGuard);"
            + " message ids are remembered that long")
    int inboundReplayToleranceSeconds() default 300;

    @AttributeDefinition(description = "Inbound calls one node hands to providers at once; one more is answered 503 with Retry-After")
    int inboundMaxConcurrent() default 8;

    @AttributeDefinition(description = "Inbound calls per second one node takes for one integration (a burst of as many); more: 429 with"
            + " Retry-After; 0: no limit")
    int inboundMaxPerSecond() default 20;
}
