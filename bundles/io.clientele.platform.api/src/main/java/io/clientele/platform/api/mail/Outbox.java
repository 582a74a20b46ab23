package io.clientele.platform.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues e-mail. The row is written in the caller's transaction, so it is sent if and only if the change
 * that caused it commits; a background sender delivers it over SMTP with retries and backoff, once, even
 * when several nodes share the database.
 */
@ProviderType
public interface Outbox {

    /** Queues a mail for the current agency; returns the outbox id (also the mail's Message-ID local part). */
    String enqueue(OutgoingMail mail);
}
