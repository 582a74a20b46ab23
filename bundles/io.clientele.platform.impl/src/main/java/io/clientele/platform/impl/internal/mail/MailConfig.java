package io.clientele.platform.impl.internal.mail;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Clientele e-mail", description = "SMTP delivery of the outbox (etc/io.clientele.mail.cfg)")
public @interface MailConfig {

    @AttributeDefinition(description = "SMTP host")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port")
    int port() default 25;

    @AttributeDefinition(description = "SMTP user (empty: no authentication)")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password")
    String password() default "";

    @AttributeDefinition(description = "Transport security", options = {
            @Option(value = "none", label = "Plain SMTP"),
            @Option(value = "starttls", label = "STARTTLS required"),
            @Option(value = "ssl", label = "SMTPS (TLS from the first byte)")})
    String tls() default "none";

    @AttributeDefinition(description = "Sender address of every mail")
    String from() default "Clientele <no-reply@clientele.local>";

    @AttributeDefinition(description = "How often the sender looks for due mail, in milliseconds")
    long pollIntervalMillis() default 2_000;

    @AttributeDefinition(description = "First retry delay after a failed delivery, in seconds; doubles each attempt")
    int retryBaseSeconds() default 30;

    @AttributeDefinition(description = "Longest retry delay, in seconds")
    int retryMaxSeconds() default 3_600;

    @AttributeDefinition(description = "SMTP connect and read timeout, in milliseconds")
    int timeoutMillis() default 10_000;

    @AttributeDefinition(description = "Mails claimed per round")
    int batchSize() default 20;

    @AttributeDefinition(description = "How long a node's claim on a mail lasts, in seconds; renewed just before each send, so it "
            + "need only outlast one send (at least three SMTP timeouts). A node that dies leaves its mails to others after this.")
    int leaseSeconds() default 60;
}
