package io.clientele.platform.impl.internal.retention;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Clientele retention", description = "How long the platform keeps records that only serve a while (etc/io.clientele.retention.cfg)")
public @interface RetentionConfig {

    @AttributeDefinition(description = "Minutes between purges (each node purges; purging is idempotent)")
    int intervalMinutes() default 60;

    @AttributeDefinition(description = "Days a delivered e-mail's outbox row (recipient, subject, dates; its body is blanked when sent) is kept")
    int sentMailDays() default 30;

    @AttributeDefinition(description = "Days an e-mail that could not be delivered (FAILED) is kept, body included, for support")
    int failedMailDays() default 90;

    @AttributeDefinition(description = "Days a session is kept after it expired or was revoked")
    int endedSessionDays() default 7;

    @AttributeDefinition(description = "Hours an Idempotency-Key and its recorded answer are kept (a retry after that is a new request)")
    int idempotencyHours() default 48;

    @AttributeDefinition(description = "Hours a login-attempt row (a throttle count) untouched and with no lock running is kept")
    int loginAttemptHours() default 24;
}
