package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.jpa.SharedAcrossAgencies;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * A queued e-mail as stored ({@code platform_outbox}): written once by {@link OutboxStore#enqueue} in the caller's
 * transaction, then changed only by {@link OutboxQueue}'s conditional statements (claim, lease renewal, sent, retry,
 * failed, taking back a previous run's claims), each of which holds only while the row is still the claiming node's.
 * The table has no version: those statements are the compare-and-set. The agency is a plain column, null for a system
 * mail (an operator's, a login's before any agency is known).
 */
@Entity(name = "OutboxMail")
@Table(name = "platform_outbox")
@SharedAcrossAgencies(reason = "a system mail has no agency (agency_id is null), and the sender claims every agency's due mail at once")
public class OutboxRecord {

    /** Where a mail stands: waiting (or being sent), delivered, or refused for good. */
    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "agency_id", length = 36, updatable = false)
    private String agencyId;

    @Column(name = "recipient", length = 254, nullable = false, updatable = false)
    private String recipient;

    @Column(name = "subject", length = 500, nullable = false, updatable = false)
    private String subject;

    @Lob
    @Column(name = "text_body", length = Integer.MAX_VALUE)
    private String textBody;

    @Lob
    @Column(name = "html_body", length = Integer.MAX_VALUE)
    private String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_by", length = 100)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "send_started_at")
    private Instant sendStartedAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxRecord() {
    }

    /** A new mail, due at once (fields already checked; the subject already one line and cut to its column). */
    OutboxRecord(String id, String agencyId, String recipient, String subject, String textBody, String htmlBody, Instant now) {
        this.id = id;
        this.agencyId = agencyId;
        this.recipient = recipient;
        this.subject = subject;
        this.textBody = textBody;
        this.htmlBody = htmlBody;
        this.status = Status.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    String id() {
        return id;
    }

    String recipient() {
        return recipient;
    }

    String subject() {
        return subject;
    }

    String textBody() {
        return textBody;
    }

    String htmlBody() {
        return htmlBody;
    }

    int attempts() {
        return attempts;
    }

    Instant sendStartedAt() {
        return sendStartedAt;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }
}
