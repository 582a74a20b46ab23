package io.clientele.platform.impl.internal.mail;

import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.impl.internal.users.UserStore;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Writes mail rows in the caller's transaction; {@link OutboxSender} delivers them. */
@Component(service = Outbox.class)
public class OutboxStore implements Outbox {

    private final Database database;

    @Activate
    public OutboxStore(@Reference Database database) {
        this.database = database;
    }

    @Override
    public String enqueue(OutgoingMail mail) {
        FieldErrors errors = new FieldErrors();
        UserStore.checkEmail(errors, "to", mail.to());
        errors.require(mail.subject() != null && !mail.subject().isBlank(), "subject", "is required");
        errors.require(mail.textBody() != null || mail.htmlBody() != null, "textBody", "a text or HTML body is required");
        errors.throwIfAny();
        String id = Jdbc.newId();
        String agencyId = RequestContext.current().map(p -> p.agencyId()).orElse(null);
        Instant now = Instant.now();
        String subject = mail.subject().replaceAll("[\\r\\n]+", " ");
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO platform_outbox (id, agency_id, recipient, subject, text_body, "
                        + "html_body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                id, agencyId, mail.to().trim(), subject.length() > 500 ? subject.substring(0, 500) : subject,
                mail.textBody(), mail.htmlBody(), now, now));
        return id;
    }
}
